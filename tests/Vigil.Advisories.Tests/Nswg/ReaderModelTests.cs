using System.Text.Json;
using Vigil.Advisories.Nswg;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>What the reader puts into the records: typed fields, absent vs null, key order, extras, number text, layout.</summary>
public sealed class ReaderModelTests
{
    [Fact]
    public void An_npm_record_is_read_field_by_field()
    {
        var record = Fixture.Read<NswgNpmRecord>("npm-valid.json", NswgKind.Npm);

        Assert.Equal(NswgKind.Npm, record.Kind);
        Assert.Equal("7", record.Id!.Text);
        Assert.True(record.Id.TryGetInt64(out var id) && id == 7);
        Assert.Equal("2021-03-01", record.CreatedAt);
        Assert.Equal("Prototype pollution in demo-merge", record.Title);
        Assert.Equal(["CVE-2021-99999"], record.Cves!);
        Assert.Equal("<1.2.3", record.VulnerableVersions.Value);
        Assert.Equal(NswgFieldState.Null, record.CoordinatingVendor.State);
        Assert.Equal(["https://example.org/demo-merge/advisory"], record.References.Value!);
        Assert.Equal("7.5", record.CvssScore.Value!.Text);
        Assert.Equal(7.5, record.CvssScore.Value.ToDouble());
        Assert.Equal("Ada Example", record.Author!.Name);
        Assert.True(record.Author.Website.IsNull);
        Assert.Equal("ada-example", record.Author.Username.Value);
        Assert.Equal(["name", "website", "username"], record.Author.KeyOrder);
        Assert.Empty(record.Extra);
        Assert.Equal(NswgFormat.Standard, record.Format);
    }

    [Fact]
    public void The_original_key_order_is_kept()
    {
        var record = Fixture.Read<NswgNpmRecord>("npm-valid.json", NswgKind.Npm);
        using var document = JsonDocument.Parse(Fixture.Bytes("npm-valid.json"));

        Assert.Equal(document.RootElement.EnumerateObject().Select(m => m.Name), record.KeyOrder);
    }

    [Fact]
    public void Absent_and_null_are_told_apart()
    {
        var nulls = Fixture.Read<NswgNpmRecord>("npm-empty-strings.json", NswgKind.Npm);
        var missing = Fixture.Read<NswgNpmRecord>("npm-mostly-missing.json", NswgKind.Npm);

        Assert.True(nulls.PatchedVersions.IsNull);
        Assert.True(nulls.PatchedVersions.IsPresent);
        Assert.Equal(NswgFieldState.Absent, missing.PatchedVersions.State);
        Assert.False(missing.CvssScore.IsPresent);
        Assert.Null(missing.Cves);
        Assert.Equal(string.Empty, nulls.ModuleName);
    }

    [Fact]
    public void Numbers_keep_their_text()
    {
        var record = Fixture.Read<NswgNpmRecord>("npm-number-text.json", NswgKind.Npm);

        Assert.Equal("5.0", record.CvssScore.Value!.Text);
        Assert.NotEqual(NswgNumber.Parse("5"), record.CvssScore.Value);
        Assert.Contains("\"cvss_score\": 5.0,", NswgWriter.WriteString(record), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_kept_with_their_values_and_place()
    {
        var record = Fixture.Read<NswgCoreRecord>("core-extra-fields.json", NswgKind.Core);

        var (name, value) = Assert.Single(record.Extra);
        Assert.Equal("notes", name);
        Assert.Equal("[1,2.50,null]", JsonSerializerlessText(value.GetProperty("internal")));
        Assert.Equal("notes", record.KeyOrder[^1]);
        Assert.Equal("9.8", record.CvssScore!.Text);
        Assert.Equal(string.Empty, record.ReportedBy);
    }

    [Fact]
    public void Unknown_keys_in_an_npm_author_are_kept()
    {
        var record = Fixture.Read<NswgNpmRecord>("npm-unknown-keys.json", NswgKind.Npm);

        Assert.True(record.Extra.TryGetValue("severity", out var severity));
        Assert.Equal("high", severity.GetString());
        Assert.True(record.Author!.Extra.TryGetValue("twitter", out var twitter));
        Assert.Equal("@ada", twitter.GetString());
    }

    [Fact]
    public void Core_and_deps_records_are_read()
    {
        var core = Fixture.Read<NswgCoreRecord>("core-valid.json", NswgKind.Core);
        var deps = Fixture.Read<NswgDepsRecord>("deps-valid.json", NswgKind.Deps);

        Assert.Equal(["CVE-2021-99998"], core.Cve!);
        Assert.Equal("14.x || 16.x", core.Vulnerable);
        Assert.Equal(["all"], core.AffectedEnvironments!);
        Assert.Equal("medium", core.Severity);
        Assert.Null(core.PublishDate);
        Assert.Equal("vulnerable_code_not_in_execute_path", deps.Reason);
        Assert.Equal("    ", deps.Format!.Indent);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted_and_remembered()
    {
        var record = Fixture.Read<NswgDepsRecord>("bom.json", NswgKind.Deps);

        Assert.True(record.Format!.ByteOrderMark);
        Assert.Equal(Fixture.Bytes("bom.json"), NswgWriter.Write(record));
    }

    [Fact]
    public void The_layout_of_the_file_is_detected()
    {
        static NswgFormat FormatOf(string json) =>
            NswgReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "x.json", NswgKind.Deps).Record!.Format!;

        Assert.Equal(NswgFormat.Standard, FormatOf("{\n  \"reason\": \"x\"\n}\n"));
        Assert.Equal(NswgFormat.Deps, FormatOf("{\n    \"reason\": \"x\"\n}"));
        Assert.Equal(new NswgFormat { Indent = "\t", NewLine = "\r\n" }, FormatOf("{\r\n\t\"reason\": \"x\"\r\n}\r\n"));
        Assert.Equal(new NswgFormat { Indent = string.Empty, FinalNewLine = false }, FormatOf("{\"reason\":\"x\"}"));
        Assert.Equal(new NswgFormat { Margin = "  " }, FormatOf("{\n    \"reason\": \"x\"\n  }\n"));
        Assert.True(FormatOf("{\n  \"reason\": \"\\u201cx\\u201d\"\n}\n").EscapeNonAscii);
        Assert.False(FormatOf("{\n  \"reason\": \"\\u201cx“\"\n}\n").EscapeNonAscii);
        Assert.False(FormatOf("{\n  \"reason\": \"\\u0041\"\n}\n").EscapeNonAscii);
    }

    [Fact]
    public void Records_have_value_equality()
    {
        var first = Fixture.Read<NswgNpmRecord>("npm-valid.json", NswgKind.Npm);
        var second = Fixture.Read<NswgNpmRecord>("npm-valid.json", NswgKind.Npm);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, first with { Cves = ["CVE-2021-99999", "CVE-2021-99998"] });
        Assert.NotEqual(first, first with { References = NswgField.Null<NswgList<string>>() });
    }

    private static string JsonSerializerlessText(JsonElement element) =>
        "[" + string.Join(",", element.EnumerateArray().Select(item => item.GetRawText())) + "]";
}
