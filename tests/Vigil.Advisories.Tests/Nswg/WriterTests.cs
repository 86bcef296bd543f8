using System.Text;
using System.Text.Json;
using Vigil.Advisories.Nswg;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>Export: layout, order, escaping, and records made or changed in code.</summary>
public sealed class WriterTests
{
    [Theory]
    [InlineData("npm-valid.json", NswgKind.Npm)]
    [InlineData("npm-unknown-keys.json", NswgKind.Npm)]
    [InlineData("npm-mostly-missing.json", NswgKind.Npm)]
    [InlineData("core-extra-fields.json", NswgKind.Core)]
    [InlineData("deps-valid.json", NswgKind.Deps)]
    [InlineData("bom.json", NswgKind.Deps)]
    public void Fixtures_are_written_back_byte_for_byte(string name, NswgKind kind)
    {
        var result = NswgReader.Read(Fixture.Bytes(name), name, kind);

        Assert.Equal(Encoding.UTF8.GetString(Fixture.Bytes(name)).TrimStart('\uFEFF'), NswgWriter.WriteString(result.Record!));
        Assert.Equal(Fixture.Bytes(name), NswgWriter.Write(result.Record!));
    }

    [Fact]
    public void A_record_made_in_code_is_written_in_the_wg_order_and_layout()
    {
        var record = new NswgCoreRecord
        {
            Severity = "low",
            AffectedEnvironments = ["linux", "win32"],
            Cve = [],
            Vulnerable = "18.x",
            CvssScore = NswgNumber.Parse("5.0"),
        };

        Assert.Equal(
            "{\n  \"cve\": [],\n  \"vulnerable\": \"18.x\",\n  \"cvss_score\": 5.0,\n  \"affectedEnvironments\": [\n    \"linux\",\n    \"win32\"\n  ],\n  \"severity\": \"low\"\n}\n",
            NswgWriter.WriteString(record));
    }

    [Fact]
    public void A_deps_record_made_in_code_gets_the_deps_layout()
    {
        var record = new NswgDepsRecord { Cve = ["CVE-2021-99997"], Reason = "component_not_present" };

        Assert.Equal("{\n    \"cve\": [\n        \"CVE-2021-99997\"\n    ],\n    \"reason\": \"component_not_present\"\n}", NswgWriter.WriteString(record));
    }

    [Fact]
    public void An_npm_record_made_in_code_writes_nulls_and_skips_absent_keys()
    {
        var record = new NswgNpmRecord
        {
            Id = NswgNumber.FromInt64(9),
            Author = new NswgNpmAuthor { Name = "A", Username = NswgField.Null<string>() },
            PatchedVersions = NswgField.Null<string>(),
            CvssScore = NswgField.Of(NswgNumber.Parse("10")),
        };

        Assert.Equal(
            "{\n  \"id\": 9,\n  \"author\": {\n    \"name\": \"A\",\n    \"username\": null\n  },\n  \"patched_versions\": null,\n  \"cvss_score\": 10\n}\n",
            NswgWriter.WriteString(record));
    }

    [Fact]
    public void A_changed_record_keeps_its_order_and_new_members_follow_in_wg_order()
    {
        var record = Fixture.Read<NswgCoreRecord>("core-valid.json", NswgKind.Core);
        var changed = record with { Severity = "high", PublishDate = "2021-07-01", Description = null };

        using var document = JsonDocument.Parse(NswgWriter.Write(changed));
        Assert.Equal(
            ["cve", "vulnerable", "patched", "ref", "overview", "affectedEnvironments", "severity", "publish_date"],
            document.RootElement.EnumerateObject().Select(m => m.Name));
        Assert.Equal("high", document.RootElement.GetProperty("severity").GetString());
    }

    [Fact]
    public void Strings_are_escaped_as_json_stringify_does()
    {
        var record = new NswgDepsRecord { Overview = "quote \" slash \\ / tab \t nl \n bell \u0007 del \u007f “curly” 🐴 lone \ud800" };

        Assert.Equal(
            "{\n    \"overview\": \"quote \\\" slash \\\\ / tab \\t nl \\n bell \\u0007 del \u007f “curly” 🐴 lone \\ud800\"\n}",
            NswgWriter.WriteString(record));
    }

    [Fact]
    public void Non_ascii_is_escaped_when_the_file_did_so()
    {
        var record = new NswgDepsRecord { Overview = "“x” 🐴 \u007f", Format = NswgFormat.Deps with { EscapeNonAscii = true } };

        Assert.Equal("{\n    \"overview\": \"\\u201cx\\u201d \\ud83d\\udc34 \\u007f\"\n}", NswgWriter.WriteString(record));
    }

    [Fact]
    public void Compact_crlf_and_margin_layouts_are_written()
    {
        var record = new NswgDepsRecord { Cve = ["A", "B"], Reason = "r" };

        Assert.Equal("{\"cve\":[\"A\",\"B\"],\"reason\":\"r\"}", NswgWriter.WriteString(record with { Format = new NswgFormat { Indent = string.Empty, FinalNewLine = false } }));
        Assert.Equal("{\r\n\t\"cve\": [\r\n\t\t\"A\",\r\n\t\t\"B\"\r\n\t],\r\n\t\"reason\": \"r\"\r\n}\r\n", NswgWriter.WriteString(record with { Format = new NswgFormat { Indent = "\t", NewLine = "\r\n" } }));
        Assert.Equal("{\n    \"reason\": \"r\"\n  }\n", NswgWriter.WriteString(new NswgDepsRecord { Reason = "r", Format = new NswgFormat { Margin = "  " } }));
    }

    [Fact]
    public void Extra_values_are_written_with_their_number_text()
    {
        using var document = JsonDocument.Parse("{\"n\": [1.50, -0, 1e3, {\"deep\": true}], \"e\": {}}");
        var record = new NswgDepsRecord { Reason = "r", Extra = NswgExtraFields.Create(document.RootElement.EnumerateObject().Select(m => KeyValuePair.Create(m.Name, m.Value))) };

        Assert.Equal(
            "{\n  \"reason\": \"r\",\n  \"n\": [\n    1.50,\n    -0,\n    1e3,\n    {\n      \"deep\": true\n    }\n  ],\n  \"e\": {}\n}\n",
            NswgWriter.WriteString(record with { Format = NswgFormat.Standard }));
    }

    [Fact]
    public void An_extra_member_named_like_a_field_is_refused()
    {
        using var document = JsonDocument.Parse("{\"reason\": \"again\"}");
        var record = new NswgDepsRecord { Reason = "r", Extra = NswgExtraFields.Create(document.RootElement.EnumerateObject().Select(m => KeyValuePair.Create(m.Name, m.Value))) };

        Assert.Throws<ArgumentException>(() => NswgWriter.Write(record));
        Assert.Throws<ArgumentNullException>(() => NswgWriter.Write(null!));
    }

    [Fact]
    public void Format_and_number_arguments_are_checked()
    {
        Assert.Throws<ArgumentException>(() => new NswgFormat { Indent = "--" });
        Assert.Throws<ArgumentException>(() => new NswgFormat { NewLine = "\r" });
        Assert.Throws<ArgumentException>(() => new NswgFormat { Margin = "x" });
        Assert.Throws<FormatException>(() => NswgNumber.Parse("07"));
        Assert.Throws<ArgumentNullException>(() => NswgField.Of<string>(null!));
        Assert.All(["0", "-1", "7.5", "1e400", "2E-3", "10"], text => Assert.True(NswgNumber.TryParse(text, out _), text));
        Assert.All(["", "-", "1.", ".5", "+1", "1e", "NaN", "0x10", " 1"], text => Assert.False(NswgNumber.TryParse(text, out _), text));
    }
}
