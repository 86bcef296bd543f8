using Vigil.Advisories.Nswg;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>
/// The validator on hand-written fixtures. The <c>wg/</c> findings expected here are the ones the WG's own
/// Joi schema reports for the same files; the <c>vigil/</c> ones are Vigil's extra checks.
/// </summary>
public sealed class ValidatorTests
{
    [Theory]
    [InlineData("npm-valid.json", NswgKind.Npm, "npm/7.json")]
    [InlineData("core-valid.json", NswgKind.Core, "core/1.json")]
    [InlineData("deps-valid.json", NswgKind.Deps, "deps/1.json")]
    [InlineData("bom.json", NswgKind.Deps, "deps/1.json")]
    public void Clean_records_have_no_finding(string name, NswgKind kind, string source)
    {
        Assert.Empty(Validate(name, kind, source));
    }

    [Theory]
    [InlineData("npm-missing-cves.json", NswgKind.Npm, "cves: is required [wg/npm/cves]")]
    [InlineData("npm-long-title.json", NswgKind.Npm, "title: is 151 characters long; the limit is 150 [wg/npm/title]")]
    [InlineData("npm-multiline-title.json", NswgKind.Npm, "title: must be a single line [wg/npm/title]")]
    [InlineData("npm-empty-strings.json", NswgKind.Npm, "module_name: must not be empty [wg/npm/strings]\nrecommendation: must not be empty [wg/npm/nullable]")]
    [InlineData("npm-author-incomplete.json", NswgKind.Npm, "author.name: must not be empty [wg/npm/author]\nauthor.username: is required [wg/npm/author]\nauthor.website: must not be empty [wg/npm/author]")]
    [InlineData("npm-unknown-keys.json", NswgKind.Npm, "author.twitter: is not allowed: the WG schema does not define this key [wg/npm/author]\nseverity: is not allowed: the WG schema does not define this key [wg/npm/unknown-keys]")]
    [InlineData("npm-unsafe-numbers.json", NswgKind.Npm, "id: 1e400 cannot be infinity (it is out of the range of a double) [wg/npm/id]\ncvss_score: 9007199254740993 must be a safe number (at most 2^53 - 1 in magnitude) [wg/npm/nullable]\nid: is 1e400 but the file is named 7.json [vigil/npm/id-matches-file]\ncvss_score: 9007199254740993 is not a CVSS score (0 to 10) [vigil/npm/cvss]")]
    [InlineData("npm-bad-dates.json", NswgKind.Npm, "publish_date: '21-03-04' is not a date written YYYY-MM-DD [wg/npm/dates]\ncreated_at: '2021-02-30' is not a real calendar date [vigil/npm/calendar-dates]")]
    [InlineData("npm-updated-before-created.json", NswgKind.Npm, "updated_at: '2021-03-05' is before created_at '2021-03-10' [vigil/npm/updated-after-created]")]
    [InlineData("npm-cve-patterns.json", NswgKind.Npm, "cves[2]: 'CVE-2021' does not match the WG pattern /CVE-\\d{4}-\\d+/ [wg/npm/cves]\ncves[3]: must not be empty [wg/npm/cves]\ncves[0]: 'CVE-2021-123' is not a CVE id (CVE-YYYY-NNNN+) [vigil/npm/cve-ids]\ncves[1]: 'see CVE-2021-1234' is not a CVE id (CVE-YYYY-NNNN+) [vigil/npm/cve-ids]\ncves[2]: 'CVE-2021' is not a CVE id (CVE-YYYY-NNNN+) [vigil/npm/cve-ids]\ncves[3]: '' is not a CVE id (CVE-YYYY-NNNN+) [vigil/npm/cve-ids]")]
    [InlineData("core-bad-severity.json", NswgKind.Core, "severity: 'High' does not match the WG pattern /^(unknown)|(low)|(medium)|(high)|(critical)$/ [wg/core/severity]\nseverity: 'High' is not one of unknown, low, medium, high, critical [vigil/core/severity]")]
    [InlineData("core-severity-quirk.json", NswgKind.Core, "severity: 'highly' is not one of unknown, low, medium, high, critical [vigil/core/severity]")]
    [InlineData("core-bad-environment.json", NswgKind.Core, "affectedEnvironments[1]: 'osx' is not one of all, aix, darwin, freebsd, linux, openbsd, sunos, win32, android [wg/core/affectedEnvironments]")]
    [InlineData("core-no-environment.json", NswgKind.Core, "affectedEnvironments: must list at least one environment [wg/core/affectedEnvironments]")]
    [InlineData("core-bad-ref.json", NswgKind.Core, "ref: 'example.org/no scheme' is not a valid URI [wg/core/ref]")]
    [InlineData("core-minimal.json", NswgKind.Core, "vulnerable: is required [vigil/core/vulnerable]")]
    [InlineData("core-missing-required.json", NswgKind.Core, "cve: is required [wg/core/cve]\nseverity: is required [wg/core/severity]")]
    [InlineData("core-extra-fields.json", NswgKind.Core, "reported_by: must not be empty [wg/core/strings]\nnotes: is not allowed: the WG schema does not define this key [wg/core/unknown-keys]\npublish_date: '2021-13-01' is not a real calendar date [vigil/core/calendar-dates]\ncvss: 'CVSS:3.1/AV:N' is not a valid CVSS vector: missing base metric 'AC' [vigil/core/cvss]")]
    [InlineData("deps-bad-reason.json", NswgKind.Deps, "reason: 'not_affected' is not an OpenVEX justification (component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist) [wg/deps/reason]")]
    [InlineData("deps-missing-reason.json", NswgKind.Deps, "reason: is required: an OpenVEX justification such as vulnerable_code_not_in_execute_path [wg/deps/reason]")]
    [InlineData("deps-no-cve.json", NswgKind.Deps, "cve: lists no CVE: the WG's VEX generator skips a deps record without one [vigil/deps/cve-ids]")]
    public void Each_scenario_gives_its_findings(string name, NswgKind kind, string expected)
    {
        var source = kind switch { NswgKind.Npm => "npm/7.json", NswgKind.Core => "core/3.json", _ => "deps/2.json" };

        var findings = Validate(name, kind, source);

        Assert.Equal(expected.Split('\n'), findings.Select(f => $"{f.Field}: {f.Message} [{f.RuleId}]"));
        Assert.All(findings, f => Assert.StartsWith(source + ": ", f.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Mostly_missing_npm_record_lists_every_required_key()
    {
        var fields = Validate("npm-mostly-missing.json", NswgKind.Npm, "npm/7.json").Select(f => f.Field);

        Assert.Equal(
            ["cves", "created_at", "updated_at", "publish_date", "module_name", "vulnerable_versions", "patched_versions",
             "recommendation", "cvss_vector", "coordinating_vendor", "references", "cvss_score"],
            fields);
    }

    [Fact]
    public void The_npm_id_must_be_the_file_number()
    {
        var record = Fixture.Read<NswgNpmRecord>("npm-valid.json", NswgKind.Npm);

        Assert.Equal(["npm/42.json: id: is 7 but the file is named 42.json"], NswgValidator.Default.Validate(record, "npm/42.json").Select(f => f.ToString()));
        Assert.Equal(["x/npm/7.5.json: id: cannot be checked: the file name of x/npm/7.5.json is not N.json"], NswgValidator.Default.Validate(record, "x/npm/7.5.json").Select(f => f.ToString()));
        Assert.Equal(["npm/7.json: id: is 7.0 but the file is named 7.json"], NswgValidator.Default.Validate(record with { Id = NswgNumber.Parse("7.0") }, "npm/7.json").Select(f => f.ToString()));
        Assert.Empty(NswgValidator.Default.Validate(record, @"C:\vuln\npm\7.json"));
    }

    [Fact]
    public void Rules_can_be_added_as_functions()
    {
        var rule = NswgRule.Create<NswgNpmRecord>("test/module-lowercase", (record, context) =>
        {
            if (record.ModuleName is { } name && name.Any(char.IsAsciiLetterUpper))
            {
                context.Report("module_name", $"'{name}' has capitals");
            }
        });
        var validator = NswgValidator.Default.With(rule);
        var record = Fixture.Read<NswgNpmRecord>("npm-valid.json", NswgKind.Npm) with { ModuleName = "Demo" };

        var finding = Assert.Single(validator.Validate(record, "npm/7.json"));
        Assert.Equal(new NswgFinding("npm/7.json", "module_name", "'Demo' has capitals", "test/module-lowercase"), finding);
        Assert.Empty(NswgValidator.Default.Validate(record, "npm/7.json"));
        Assert.Empty(validator.Validate(Fixture.Read<NswgCoreRecord>("core-valid.json", NswgKind.Core), "core/1.json"));
        Assert.Same(rule, validator.Rules[^1]);
    }

    [Fact]
    public void A_validator_can_run_only_the_wg_schema()
    {
        var record = Fixture.Read<NswgCoreRecord>("core-severity-quirk.json", NswgKind.Core);

        Assert.Empty(new NswgValidator(NswgRules.WgSchema).Validate(record, "core/1.json"));
        Assert.All(NswgRules.WgSchema, r => Assert.StartsWith("wg/", r.Id, StringComparison.Ordinal));
        Assert.All(NswgRules.Consistency, r => Assert.StartsWith("vigil/", r.Id, StringComparison.Ordinal));
        Assert.Equal(NswgValidator.Default.Rules.Count, NswgValidator.Default.Rules.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("https://nodejs.org/en/blog/vulnerability/july-2017-security-releases/", true)]
    [InlineData("https://user:pw@example.org:8443/a%20b?q=1&r=[x]#frag", false)]
    [InlineData("https://user:pw@example.org:8443/a%20b?q=1&r=x#frag", true)]
    [InlineData("http://[::1]:80/", true)]
    [InlineData("mailto:security@example.org", true)]
    [InlineData("urn:cve:2021-1234", true)]
    [InlineData("https://example.org/a b", false)]
    [InlineData("https://example.org/%zz", false)]
    [InlineData("https://exa mple.org/", false)]
    [InlineData("https://example.org:80x/", false)]
    [InlineData("//example.org/", false)]
    [InlineData("1http://example.org", false)]
    [InlineData("https://example.org/ünicode", false)]
    public void The_ref_must_be_an_absolute_uri(string value, bool valid)
    {
        var record = new NswgCoreRecord { Cve = [], AffectedEnvironments = ["all"], Severity = "low", Vulnerable = "1.x", Ref = value };

        Assert.Equal(valid, NswgValidator.Default.Validate(record, "core/1.json").Count == 0);
    }

    [Theory]
    [InlineData("unknown", true)]
    [InlineData("unknown-ish", true)]
    [InlineData("slow", true)]
    [InlineData("so critical", true)]
    [InlineData("critical!", false)]
    [InlineData("HIGH", false)]
    [InlineData("none", false)]
    public void The_wg_severity_pattern_is_ported_with_its_quirk(string value, bool matches)
    {
        var record = new NswgCoreRecord { Cve = [], AffectedEnvironments = ["all"], Severity = value };

        Assert.Equal(matches, new NswgValidator(NswgRules.WgSchema).Validate(record, "core/1.json").Count == 0);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => NswgValidator.Default.Validate(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => NswgValidator.Default.Validate(new NswgDepsRecord(), null!));
        Assert.Throws<ArgumentNullException>(() => new NswgValidator([null!]));
        Assert.Throws<ArgumentException>(() => NswgRule.Create<NswgDepsRecord>(string.Empty, (_, _) => { }));
    }

    private static IReadOnlyList<NswgFinding> Validate(string name, NswgKind kind, string source)
    {
        var result = NswgReader.Read(Fixture.Bytes(name), source, kind);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return NswgValidator.Default.Validate(result.Record, source);
    }
}
