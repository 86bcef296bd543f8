using System.Text.Json;
using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>What cannot be converted, either way, and the errors that say so.</summary>
public sealed class ConversionErrorTests
{
    private static NswgNpmRecord Npm => (NswgNpmRecord)ConversionFixture.Read("npm-full.json");

    [Fact]
    public void An_npm_record_needs_a_module_name_and_a_real_updated_at()
    {
        Assert.Equal(
            "npm/8.json: module_name: is missing: it names the affected npm package",
            Error(ConversionFixture.Read("npm-mostly-missing.json")));
        Assert.Equal("npm/8.json: module_name: is empty: it names the affected npm package", Error(Npm with { ModuleName = "" }));
        Assert.Equal("npm/8.json: updated_at: is missing: it gives the OSV record's modified time", Error(Npm with { UpdatedAt = null }));
        Assert.Equal(
            "npm/8.json: updated_at: '2022-06-31' is not a real date written YYYY-MM-DD: it gives the OSV record's modified time",
            Error(Npm with { UpdatedAt = "2022-06-31" }));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var core = (NswgCoreRecord)ConversionFixture.Read("core-full.json");
        Assert.Throws<ArgumentOutOfRangeException>(() => NswgToOsv.Convert(Npm, -1));
        Assert.Throws<ArgumentNullException>(() => NswgToOsv.Convert(core, 1, null!));
        Assert.Throws<ArgumentNullException>(() => NswgToOsv.Convert((NswgRecord)null!, 1, ConversionFixture.ImportTime));
        Assert.Throws<ArgumentNullException>(() => OsvToNswg.Convert(null!));
    }

    [Fact]
    public void A_conversion_that_could_not_be_stored_as_osv_json_fails_instead_of_losing_data()
    {
        // 62 nested arrays fit a WG record (64 levels) but not an OSV record, where the value sits 3 levels deeper.
        using var deep = JsonDocument.Parse(new string('[', 62) + new string(']', 62));
        var record = Npm with { Extra = NswgExtraFields.Create([new("notes", deep.RootElement)]) };

        var result = NswgToOsv.Convert(record, 8);

        Assert.False(result.Succeeded);
        Assert.StartsWith("npm/8.json: (record): cannot be stored as OSV JSON: ", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_that_did_not_come_from_the_wg_is_refused()
    {
        var ghsa = new OsvRecord { Id = "GHSA-aaaa-bbbb-cccc", Modified = new OsvTimestamp("2024-01-01T00:00:00Z") };
        var other = ghsa with { DatabaseSpecific = Json("""{"nswg": {"kind": "pypi"}}""") };

        Assert.False(OsvToNswg.IsFromWg(ghsa));
        Assert.False(OsvToNswg.IsFromWg(other));
        Assert.True(OsvToNswg.IsFromWg(ConversionFixture.Osv("npm-full.json")));
        Assert.Equal(
            "GHSA-aaaa-bbbb-cccc: database_specific.nswg.kind: is missing or not npm, core or deps: the record did not come from the WG",
            OsvToNswg.Convert(other).Error!.ToString());
    }

    [Theory]
    [InlineData("NSWG-COR-8", "NSWG-COR-8: id: is not an id of a WG npm record (NSWG-ECO-N)")]
    [InlineData("NSWG-ECO-08", "NSWG-ECO-08: id: is not an id of a WG npm record (NSWG-ECO-N)")]
    [InlineData("GHSA-aaaa-bbbb-cccc", "GHSA-aaaa-bbbb-cccc: id: is not an id of a WG npm record (NSWG-ECO-N)")]
    public void The_id_must_be_the_kinds_wg_id(string id, string expected) =>
        Assert.Equal(expected, OsvToNswg.Convert(ConversionFixture.Osv("npm-full.json") with { Id = id }).Error!.ToString());

    [Theory]
    [InlineData("""{"kind": "npm", "cvss_score": "7.5"}""", "database_specific.nswg.cvss_score: must be a number")]
    [InlineData("""{"kind": "npm", "created_at": 20220501}""", "database_specific.nswg.created_at: must be a string")]
    [InlineData("""{"kind": "npm", "cves": "CVE-2022-99990"}""", "database_specific.nswg.cves: must be an array")]
    [InlineData("""{"kind": "npm", "cves": [1]}""", "database_specific.nswg.cves: must be a string")]
    [InlineData("""{"kind": "npm", "author": []}""", "database_specific.nswg.author: must be an object")]
    [InlineData("""{"kind": "npm", "author": {"website": 1}}""", "database_specific.nswg.author.website: must be a string")]
    [InlineData("""{"kind": "npm", "extra": "x"}""", "database_specific.nswg.extra: must be an object")]
    [InlineData("""{"kind": "npm", "absent": "id"}""", "database_specific.nswg.absent: must be an array")]
    [InlineData("""{"kind": "npm", "extra": {"title": "x"}}""", "database_specific.nswg.extra.title: must be a key the WG format does not define, and only once")]
    [InlineData("""{"kind": "npm", "extra": {"a": 1, "a": 2}}""", "database_specific.nswg.extra.a: must be a key the WG format does not define, and only once")]
    public void Kept_wg_values_of_the_wrong_type_are_errors(string nswg, string expected)
    {
        var osv = ConversionFixture.Osv("npm-full.json") with { DatabaseSpecific = Json($$"""{"nswg": {{nswg}}}""") };
        Assert.Equal("NSWG-ECO-8: " + expected, OsvToNswg.Convert(osv).Error!.ToString());
    }

    [Fact]
    public void Core_platforms_of_the_wrong_type_are_errors()
    {
        var osv = ConversionFixture.Osv("core-full.json");
        var affected = osv.Affected![0] with { EcosystemSpecific = Json("""{"platforms": "linux"}""") };
        Assert.Equal(
            "NSWG-COR-8: affected[0].ecosystem_specific.platforms: must be an array",
            OsvToNswg.Convert(osv with { Affected = [affected] }).Error!.ToString());
    }

    private static string Error(NswgRecord record)
    {
        var result = NswgToOsv.Convert(record, 8, ConversionFixture.ImportTime);
        Assert.False(result.Succeeded);
        return result.Error.ToString();
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
