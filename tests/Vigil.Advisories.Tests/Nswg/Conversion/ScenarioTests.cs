using System.Text.Json;
using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>The mapping of ADR 0003 on hand-written records, one scenario per fixture.</summary>
public sealed class ScenarioTests
{
    public static TheoryData<string> AllFixtures =>
    [
        "npm-full.json", "npm-nulls.json", "npm-odd-values.json", "npm-bad-range.json", "core-full.json",
        "core-odd-values.json", "core-nothing-left.json", "deps-valid.json", "npm-valid.json", "core-valid.json",
        "core-extra-fields.json", "npm-unknown-keys.json", "npm-number-text.json",
    ];

    [Theory]
    [InlineData("npm-full.json")]
    [InlineData("npm-odd-values.json")]
    [InlineData("core-full.json")]
    [InlineData("core-odd-values.json")]
    [InlineData("deps-valid.json")]
    public void Each_fixture_converts_to_its_expected_osv_record(string name)
    {
        var expected = File.ReadAllBytes(ConversionFixture.PathOf(name.Replace(".json", ".osv.json", StringComparison.Ordinal)));
        using var expectedJson = JsonDocument.Parse(expected);
        using var actualJson = JsonDocument.Parse(OsvJson.Write(ConversionFixture.Osv(name)));
        Assert.Null(JsonText.FirstDifference(expectedJson.RootElement, actualJson.RootElement));
        Assert.Equal(OsvJson.Read(expected), ConversionFixture.Osv(name));
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Each_fixture_comes_back_the_same_and_exports_the_same_json(string name)
    {
        var record = ConversionFixture.Read(name);
        var stored = OsvJson.Read(OsvJson.Write(ConversionFixture.Osv(name)));
        var back = OsvToNswg.Convert(stored);

        Assert.True(back.Succeeded, back.Error?.ToString());
        Assert.Equal(RealDataConversionTests.WithoutLayout(record), RealDataConversionTests.WithoutLayout(back.Record));
        using var original = JsonDocument.Parse(File.ReadAllBytes(ConversionFixture.PathOf(name)));
        using var exported = JsonDocument.Parse(NswgWriter.Write(back.Record));
        Assert.Equal(JsonCanonical.Of(original.RootElement), JsonCanonical.Of(exported.RootElement));
    }

    [Theory]
    [InlineData("npm-full.json", "")]
    [InlineData("npm-nulls.json", "vulnerable_versions: is null: the affected package gets no OSV ranges, so the record matches no version")]
    [InlineData("npm-bad-range.json", "vulnerable_versions: 'unknown' is not a valid npm semver range (Invalid SemVer Range: unknown): the affected package gets no OSV ranges, so the record matches no version")]
    [InlineData("npm-odd-values.json", "publish_date: '2021-02-30' is not a real date written YYYY-MM-DD: it is kept, and the OSV record has no published time\ncves[0]: 'CVE-2021-123' is not a CVE id: it is kept, but is not an OSV alias")]
    [InlineData("core-odd-values.json", "cvss: '3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N' is not a valid CVSS vector (vector does not start with 'CVSS:'): it is kept, but the OSV record has no severity")]
    [InlineData("core-nothing-left.json", "vulnerable: '18.x' minus patched '>=17' admits no version: the affected package gets no OSV ranges, so the record matches no version")]
    [InlineData("core-minimal.json", "vulnerable: is missing: the affected package gets no OSV ranges, so the record matches no version")]
    public void Each_fixture_gives_its_warnings(string name, string expected)
    {
        var result = ConversionFixture.Convert(name);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('\n'), result.Warnings.Select(w => $"{w.Field}: {w.Message}"));
        Assert.All(result.Warnings, w => Assert.Equal(NswgOsvIds.FileName(ConversionFixture.KindOf(name), ConversionFixture.FileNumber), w.Source));
    }

    [Theory]
    [InlineData("npm-nulls.json", "npm", "demo-empty", "vulnerable_versions", null)]
    [InlineData("npm-bad-range.json", "npm", "demo-bad-range", "vulnerable_versions", "unknown")]
    [InlineData("core-nothing-left.json", "Node.js", "node", "vulnerable", "18.x")]
    [InlineData("core-minimal.json", "Node.js", "node", "vulnerable", null)]
    public void A_range_that_cannot_be_evaluated_matches_no_version_and_is_kept(string name, string ecosystem, string package, string field, string? text)
    {
        var osv = ConversionFixture.Osv(name);

        var affected = Assert.Single(osv.Affected!);
        Assert.Equal(package, affected.Package!.Name);
        Assert.Null(affected.Ranges);
        Assert.Null(affected.Versions);
        foreach (var version in new[] { "0.0.0-0", "0.0.1", "1.0.0", "1.1.0", "18.0.0", "18.0.0-rc.1", "18.20.8", "1000.0.0" })
        {
            Assert.False(OsvMatcher.Affects(osv, ecosystem, package, NpmVersion.Parse(version)), version);
        }

        var nswg = osv.DatabaseSpecific!.Value.GetProperty("nswg");
        Assert.Equal(text, nswg.TryGetProperty(field, out var kept) ? kept.GetString() : null);
    }

    [Fact]
    public void Empty_names_are_kept_rather_than_written_as_credits()
    {
        var npm = (NswgNpmRecord)ConversionFixture.Read("npm-full.json");
        var core = (NswgCoreRecord)ConversionFixture.Read("core-full.json");
        foreach (var record in new NswgRecord[] { npm with { Author = npm.Author! with { Name = "" } }, core with { Author = "", ReportedBy = "" } })
        {
            var osv = NswgToOsv.Convert(record, 8, ConversionFixture.ImportTime).Record!;
            Assert.Null(osv.Credits);
            Assert.Equal(RealDataConversionTests.WithoutLayout(record), RealDataConversionTests.WithoutLayout(OsvToNswg.Convert(osv).Record!));
        }
    }

    [Fact]
    public void The_osv_id_is_the_file_number_and_an_id_that_differs_is_kept()
    {
        var osv = ConversionFixture.Convert("npm-full.json", fileNumber: 80).Record!;

        Assert.Equal("NSWG-ECO-80", osv.Id);
        Assert.Equal("8", osv.DatabaseSpecific!.Value.GetProperty("nswg").GetProperty("id").GetRawText());
        Assert.Equal("8", ((NswgNpmRecord)OsvToNswg.Convert(osv).Record!).Id!.Text);
        Assert.False(ConversionFixture.Osv("npm-full.json").DatabaseSpecific!.Value.GetProperty("nswg").TryGetProperty("id", out _));
    }

    [Fact]
    public void Core_and_deps_take_modified_from_the_caller_and_npm_from_updated_at()
    {
        Assert.Equal("2026-04-09T12:00:00Z", ConversionFixture.Osv("core-full.json").Modified.Text);
        Assert.Equal("2026-04-09T12:00:00Z", ConversionFixture.Osv("deps-valid.json").Modified.Text);
        Assert.Equal("2022-06-15T00:00:00Z", ConversionFixture.Osv("npm-full.json").Modified.Text);
        Assert.Equal(
            ConversionFixture.Osv("npm-full.json"),
            NswgToOsv.Convert((NswgNpmRecord)ConversionFixture.Read("npm-full.json"), ConversionFixture.FileNumber).Record);
    }
}
