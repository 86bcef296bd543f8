using System.Text;
using Vigil.Domain.Npm;

namespace Vigil.Domain.Tests.Npm;

/// <summary>npmrc files read as npm reads them, and hostile ones refused or skipped line by line.</summary>
public sealed class NpmrcTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Keys_values_comments_quotes_and_inline_comments_read_as_npm_reads_them()
    {
        const string text = """
            ; a comment
            # another comment
              ; an indented comment
            registry = https://registry.example/npm/
            @acme:registry="https://acme.example/"
            single='quoted ; not a comment'
            trailing=value ; a comment
            escaped=a\;b\#c
            flag
            "//acme.example/:_authToken"=secret
            list[]=one

            [section]
            ignored=yes
            """;
        var file = Npmrc.Parse(text, "test", NoEnvironment);

        Assert.Empty(file.Problems);
        Assert.Equal("https://registry.example/npm/", file.Values["registry"]);
        Assert.Equal("https://acme.example/", file.Values["@acme:registry"]);
        Assert.Equal("quoted ; not a comment", file.Values["single"]);
        Assert.Equal("value", file.Values["trailing"]);
        Assert.Equal("a;b#c", file.Values["escaped"]);
        Assert.Equal("true", file.Values["flag"]);
        Assert.Equal("secret", file.Values["//acme.example/:_authToken"]);
        Assert.Equal("one", file.Values["list"]);
        Assert.False(file.Values.ContainsKey("ignored"));
        Assert.False(file.Values.ContainsKey("[section]"));
    }

    [Fact]
    public void Environment_references_are_replaced_in_keys_and_values_and_an_unset_one_skips_its_line()
    {
        var environment = new Dictionary<string, string> { ["TOKEN"] = "t0k3n", ["HOST"] = "npm.example" };
        const string text = """
            //${HOST}/:_authToken=${TOKEN}
            optional=${NOT_SET?}
            literal=\${TOKEN}
            missing=${NOT_SET}
            after=kept
            """;
        var file = Npmrc.Parse(text, "test", name => environment.GetValueOrDefault(name));

        Assert.Equal("t0k3n", file.Values["//npm.example/:_authToken"]);
        Assert.Equal(string.Empty, file.Values["optional"]);
        Assert.Equal("${TOKEN}", file.Values["literal"]);
        Assert.False(file.Values.ContainsKey("missing"));
        Assert.Equal("kept", file.Values["after"]);
        var problem = Assert.Single(file.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("NOT_SET", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_line_is_reported_without_repeating_it_and_the_others_are_read()
    {
        var file = Npmrc.Parse("=npm_secretvalue\nregistry=https://ok.example/\n", "test", NoEnvironment);

        Assert.Equal("https://ok.example/", file.Values["registry"]);
        var problem = Assert.Single(file.Problems);
        Assert.Equal(1, problem.Line);
        Assert.DoesNotContain("secretvalue", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_refused_whole()
    {
        byte[] bytes = [.. "registry=https://x.example/\n"u8, 0, 1, 2, 0xFF];
        var file = Npmrc.Parse(bytes, "binary", NoEnvironment);

        Assert.Empty(file.Values);
        Assert.Contains("NUL", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused_whole()
    {
        byte[] bytes = [.. "registry=https://x.example/"u8, 0xC3, 0x28];
        var file = Npmrc.Parse(bytes, "latin", NoEnvironment);

        Assert.Empty(file.Values);
        Assert.Contains("UTF-8", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_file_is_not_read()
    {
        using var folder = new Vigil.Testing.TempDirectory();
        string path = folder.File(".npmrc");
        using (var writer = new StreamWriter(path, false, Encoding.UTF8))
        {
            writer.WriteLine("registry=https://huge.example/");
            var line = new string('x', 1000);
            for (int i = 0; i < 3000; i++)
            {
                writer.WriteLine("k" + i + "=" + line);
            }
        }

        var file = Npmrc.Read(path, NoEnvironment);

        Assert.Empty(file.Values);
        Assert.Contains("larger than", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_bad_lines_keep_a_bounded_list_of_problems()
    {
        var text = string.Join('\n', Enumerable.Range(0, 500).Select(i => "=bad" + i));
        var file = Npmrc.Parse(text, "many", NoEnvironment);

        Assert.Equal(Npmrc.MaxProblems + 1, file.Problems.Count);
        Assert.Contains("480 more lines", file.Problems[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_crash_the_reader()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            var file = Npmrc.Parse(bytes, "random", NoEnvironment);
            Assert.NotNull(file);
            const string alphabet = "=\\\"'$;#{}[]\nab?";
            string text = new(Enumerable.Range(0, random.Next(0, 2000)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.NotNull(Npmrc.Parse(text, "random", NoEnvironment));
        }
    }

    [Fact]
    public void A_missing_file_is_empty_and_fine() =>
        Assert.Same(NpmrcFile.Empty, Npmrc.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), ".npmrc"), NoEnvironment));
}
