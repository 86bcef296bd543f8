namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>YAML features no lockfile uses, refused outright so that nothing is ever expanded: anchors, aliases, merge keys, tags.</summary>
public sealed class YamlFeatureTests
{
    private const string AliasBomb =
        "lockfileVersion: '9.0'\n"
        + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        + "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        + "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        + "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

    [Theory]
    [InlineData("pnpm")]
    [InlineData("yarn-berry")]
    public void An_alias_bomb_is_refused_at_its_first_anchor(string format)
    {
        var content = format == "pnpm" ? AliasBomb : "__metadata:\n  version: 8\n" + AliasBomb[(AliasBomb.IndexOf('\n') + 1)..];
        var error = HostileInput.AssertError(HostileInput.Read(format, content), LockfileErrorKind.YamlFeatureNotAllowed, format == "pnpm" ? 2 : 3);
        Assert.Contains("anchor '&a'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_key_chain_is_refused()
    {
        var content = "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    <<: {resolution: {integrity: sha512-x}}\n";
        var error = HostileInput.AssertError(HostileInput.Read("pnpm", content), LockfileErrorKind.YamlFeatureNotAllowed, 4);
        Assert.Contains("merge key", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pnpm", "  once@1.4.0:", "  once@1.4.0: &once")]
    [InlineData("yarn-berry", "\"once@npm:1.4.0\":", "\"once@npm:1.4.0\": &once")]
    public void An_anchor_in_a_real_lockfile_is_refused(string format, string find, string replace)
    {
        var text = HostileInput.FixtureText(format);
        var hostile = text.Replace(find, replace, StringComparison.Ordinal);
        var error = HostileInput.AssertError(HostileInput.Read(format, hostile), LockfileErrorKind.YamlFeatureNotAllowed, HostileInput.LineOf(hostile, replace));
        Assert.Contains("&once", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_to_a_scalar_is_refused()
    {
        var text = HostileInput.FixtureText("pnpm");
        var hostile = text.Replace("specifier: 1.4.0", "specifier: &v 1.4.0", StringComparison.Ordinal).Replace("specifier: 2.1.3", "specifier: *v", StringComparison.Ordinal);
        HostileInput.AssertError(HostileInput.Read("pnpm", hostile), LockfileErrorKind.YamlFeatureNotAllowed, HostileInput.LineOf(hostile, "&v"));
    }

    [Fact]
    public void A_tag_is_refused()
    {
        var error = HostileInput.AssertError(HostileInput.Read("pnpm", "lockfileVersion: !!binary '9.0'\n"), LockfileErrorKind.YamlFeatureNotAllowed, 1);
        Assert.Contains("tag", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_documents_are_refused()
    {
        HostileInput.AssertError(HostileInput.Read("pnpm", "lockfileVersion: '9.0'\n---\nlockfileVersion: '9.0'\n"), LockfileErrorKind.Syntax, 2);
    }
}
