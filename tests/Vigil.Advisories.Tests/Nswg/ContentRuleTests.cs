using Vigil.Advisories.Nswg;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>Vigil's checks of ranges and CVSS data (<see cref="NswgRules.Content"/>), on variations of the valid fixtures.</summary>
public sealed class ContentRuleTests
{
    private static readonly NswgNpmRecord Npm = Fixture.Read<NswgNpmRecord>("npm-valid.json", NswgKind.Npm);
    private static readonly NswgCoreRecord Core = Fixture.Read<NswgCoreRecord>("core-valid.json", NswgKind.Core);

    [Fact]
    public void The_default_validator_runs_the_content_rules() =>
        Assert.All(NswgRules.Content, rule => Assert.Contains(rule, NswgValidator.Default.Rules));

    [Theory]
    [InlineData("unknown", ">=1.2.3", "vulnerable_versions: 'unknown' is not a valid npm semver range: Invalid SemVer Range: unknown [vigil/npm/semver-ranges]")]
    [InlineData("<1.2.3", "latest", "patched_versions: 'latest' is not a valid npm semver range: Invalid SemVer Range: latest [vigil/npm/semver-ranges]")]
    [InlineData("<= v1.2.3beta", ">=v1.2.3", "")]
    [InlineData(" <1.2.3 ", null, "")]
    public void Npm_ranges_must_parse_as_loose_npm_semver(string vulnerable, string? patched, string expected)
    {
        var record = Npm with { VulnerableVersions = NswgField.Of(vulnerable), PatchedVersions = patched is null ? NswgField.Null<string>() : NswgField.Of(patched) };
        Assert.Equal(Lines(expected), Findings(record, "npm/7.json"));
    }

    [Theory]
    [InlineData("all versions", "^14.17.1", "vulnerable: 'all versions' is not a valid npm semver range: Invalid SemVer Range: all versions [vigil/core/semver-ranges]")]
    [InlineData("all of 14.x", "^14.17.1", "")] // loose npm semver drops the words it cannot read: this is "14.x"
    [InlineData(" 14.x || 16.x", "unknown", "patched: 'unknown' is not a valid npm semver range: Invalid SemVer Range: unknown [vigil/core/semver-ranges]")]
    [InlineData("14.x", "^14.17.1", "")]
    public void Core_ranges_must_parse_as_loose_npm_semver(string vulnerable, string patched, string expected) =>
        Assert.Equal(Lines(expected), Findings(Core with { Vulnerable = vulnerable, Patched = patched }, "core/3.json"));

    [Theory]
    [InlineData("<=1.4.0", ">=1.4.0", "patched_versions: '>=1.4.0' overlaps vulnerable_versions '<=1.4.0': 1.4.0 is in both [vigil/npm/patched-not-vulnerable]")]
    [InlineData("<2.0.1 || <1.1.7", "^1.1.7 || >=2.0.1", "patched_versions: '^1.1.7 || >=2.0.1' overlaps vulnerable_versions '<2.0.1 || <1.1.7': 1.1.7 is in both [vigil/npm/patched-not-vulnerable]")]
    [InlineData(">1.0.0 <3.0.0", ">2.0.0", "patched_versions: '>2.0.0' overlaps vulnerable_versions '>1.0.0 <3.0.0': 2.0.1 is in both [vigil/npm/patched-not-vulnerable]")]
    [InlineData("<1.0.0", ">= 1.x", "patched_versions: '>= 1.x' overlaps vulnerable_versions '<1.0.0': 1.0.0-0 is in both (only prereleases are, as npm audit reads ranges with includePrerelease) [vigil/npm/patched-not-vulnerable]")]
    [InlineData("<=99.999.99999", "<0.0.0", "")]
    [InlineData("<=99.999.99999", "<=0.0.0", "patched_versions: '<=0.0.0' overlaps vulnerable_versions '<=99.999.99999': 0.0.0 is in both [vigil/npm/patched-not-vulnerable]")]
    [InlineData("<1.2.3", ">=1.2.3", "")]
    [InlineData("<1.2.3 || >=2.0.0", ">=1.2.3 <2.0.0", "")]
    public void Npm_patched_versions_must_not_overlap_vulnerable_versions(string vulnerable, string patched, string expected)
    {
        var record = Npm with { VulnerableVersions = NswgField.Of(vulnerable), PatchedVersions = NswgField.Of(patched) };
        Assert.Equal(Lines(expected), Findings(record, "npm/7.json"));
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", "7.5", "")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N", "8.6", "")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10", "")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10.00", "")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "9.3", "cvss_score: 9.3 is not the base score of cvss_vector, 7.5 (CVSS v3.0) [vigil/npm/cvss]")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.3", "")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.8", "cvss_score: 9.8 is not the base score of cvss_vector, 9.3 (CVSS v4.0) [vigil/npm/cvss]")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U", "9.8", "cvss_vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U' is not a valid CVSS vector: invalid value 'U' for metric 'I' [vigil/npm/cvss]")]
    [InlineData(null, "-1", "cvss_score: -1 is not a CVSS score (0 to 10) [vigil/npm/cvss]")]
    [InlineData(null, "7.5", "")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", null, "cvss_score: is null, but the base score of cvss_vector, 7.5 (CVSS v3.1) [vigil/npm/cvss]")]
    public void Npm_cvss_vectors_must_be_valid_and_give_the_score(string? vector, string? score, string expected)
    {
        var record = Npm with
        {
            CvssVector = vector is null ? NswgField.Null<string>() : NswgField.Of(vector),
            CvssScore = score is null ? NswgField.Null<NswgNumber>() : NswgField.Of(NswgNumber.Parse(score)),
        };
        Assert.Equal(Lines(expected), Findings(record, "npm/7.json"));
    }

    [Theory]
    [InlineData("3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", "5.9", "cvss: '3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H' is not a valid CVSS vector: vector does not start with 'CVSS:' [vigil/core/cvss]")]
    [InlineData("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", "5.9", "")]
    [InlineData("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", null, "cvss_score: is missing, but the base score of cvss, 5.9 (CVSS v3.0) [vigil/core/cvss]")]
    [InlineData("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", "7.5", "cvss_score: 7.5 is not the base score of cvss, 5.9 (CVSS v3.0) [vigil/core/cvss]")]
    public void Core_cvss_vectors_must_be_valid_and_give_the_score(string vector, string? score, string expected)
    {
        var record = Core with { Cvss = vector, CvssScore = score is null ? null : NswgNumber.Parse(score) };
        Assert.Equal(Lines(expected), Findings(record, "core/3.json"));
    }

    private static string[] Lines(string expected) => expected.Length == 0 ? [] : expected.Split('\n');

    private static IEnumerable<string> Findings(NswgRecord record, string source) =>
        new NswgValidator(NswgRules.Content).Validate(record, source).Select(f =>
        {
            Assert.Equal($"{source}: {f.Field}: {f.Message}", f.ToString());
            return $"{f.Field}: {f.Message} [{f.RuleId}]";
        });
}
