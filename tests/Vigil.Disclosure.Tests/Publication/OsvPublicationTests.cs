using Vigil.Disclosure.Publication;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;

namespace Vigil.Disclosure.Tests.Publication;

/// <summary>A published report becomes an OSV record the advisory database can import.</summary>
public class OsvPublicationTests
{
    [Fact]
    public void The_record_carries_id_alias_package_ranges_severity_credits_and_cwe()
    {
        var osv = OsvPublication.ToOsv(PublicationSamples.Published(), PublicationSamples.Input());

        Assert.Equal("NSWG-ECO-520", osv.Id);
        Assert.Equal(["CVE-2026-1001"], osv.Aliases!);
        Assert.Equal("2026-12-01T12:00:00Z", osv.Published!.Text);
        Assert.Equal("Prototype pollution in padding options", osv.Summary);
        var affected = Assert.Single(osv.Affected!);
        Assert.Equal(new OsvPackage { Ecosystem = "npm", Name = "left-pad", Purl = "pkg:npm/left-pad" }, affected.Package);
        Assert.Equal([OsvEvent.Introduced("0"), OsvEvent.Fixed("1.3.0")], Assert.Single(affected.Ranges!).Events);
        var severity = Assert.Single(osv.Severity!);
        Assert.Equal(OsvSeverityType.CvssV3, severity.Type.Value);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:L", severity.Score);
        Assert.Equal(
            [OsvCreditType.Finder, OsvCreditType.RemediationDeveloper, OsvCreditType.Coordinator],
            osv.Credits!.Select(c => c.Type!.Value.Value));
        Assert.Equal(["mailto:alice@example.org"], osv.Credits![0].Contact!);
        Assert.Equal("CWE-1321", osv.DatabaseSpecific!.Value.GetProperty("cwe_ids")[0].GetString());
        Assert.Equal("HIGH", osv.DatabaseSpecific!.Value.GetProperty("severity").GetString());
        Assert.Equal("1.3.0", osv.DatabaseSpecific!.Value.GetProperty("fixed_version").GetString());
        Assert.Equal(OsvReferenceType.Advisory, osv.References![0].Type.Value);
    }

    [Fact]
    public void The_record_round_trips_through_osv_json()
    {
        var osv = OsvPublication.ToOsv(PublicationSamples.Published(), PublicationSamples.Input());

        Assert.Equal(osv, OsvJson.Read(OsvJson.Write(osv)));
    }

    [Theory]
    [InlineData("<1.3.0")]
    [InlineData(">=1.0.0 <1.2.5 || >=2.0.0-rc.1 <=2.1.0")]
    [InlineData(">1.0.0")]
    [InlineData("*")]
    [InlineData("^1.2.0 || ~0.4.1")]
    public void The_osv_ranges_admit_exactly_the_versions_of_the_reported_range(string range)
    {
        var report = PublicationSamples.Published(Samples.Draft with { AffectedVersions = range });
        var osv = OsvPublication.ToOsv(report, PublicationSamples.Input());
        var npm = NpmRange.Parse(range, ReportDetails.RangeOptions);

        foreach (string version in new[] { "0.0.1", "0.4.1", "0.4.9", "0.5.0", "1.0.0", "1.0.1", "1.2.4", "1.2.5", "1.3.0", "1.9.9", "2.0.0-rc.1", "2.0.0", "2.1.0", "2.1.1", "3.0.0" })
        {
            Assert.Equal(npm.IsSatisfiedBy(NpmVersion.Parse(version)), OsvMatcher.Affects(osv, "npm", "left-pad", NpmVersion.Parse(version)));
        }
    }

    [Fact]
    public void A_report_published_at_the_deadline_has_no_fixed_version_and_an_open_range()
    {
        var report = Samples.Submitted(draft: Samples.Draft with { AffectedVersions = "*", CvssVector = null })
            .Apply(Samples.Triager, ReportAction.Accept);
        report = report.Apply(Actor.Clock, ReportAction.PublishAtDeadline, report.PublicationDueAt);

        var osv = OsvPublication.ToOsv(report, PublicationSamples.Input(CveAssignment.Requested) with { Credits = [], References = [] });

        Assert.Equal([OsvEvent.Introduced("0")], Assert.Single(osv.Affected![0].Ranges!).Events);
        Assert.Null(osv.Aliases);
        Assert.Null(osv.Severity);
        Assert.Null(osv.Credits);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, osv.DatabaseSpecific!.Value.GetProperty("fixed_version").ValueKind);
    }

    [Fact]
    public void Scoped_packages_get_an_encoded_purl_and_v4_vectors_cvss_v4()
    {
        var report = PublicationSamples.Published(Samples.Draft with
        {
            PackageName = "@Scope/Pkg",
            CvssVector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        });

        var osv = OsvPublication.ToOsv(report, PublicationSamples.Input());

        Assert.Equal("pkg:npm/%40scope/pkg", osv.Affected![0].Package!.Purl);
        Assert.Equal(OsvSeverityType.CvssV4, osv.Severity![0].Type.Value);
    }

    [Theory]
    [InlineData(ReportState.New)]
    [InlineData(ReportState.Accepted)]
    [InlineData(ReportState.Withdrawn)]
    public void Only_fixed_or_published_reports_become_advisories(ReportState state) =>
        Assert.Throws<InvalidOperationException>(() => OsvPublication.ToOsv(Samples.InState(state), PublicationSamples.Input()));

    [Fact]
    public void The_advisory_id_must_be_an_ecosystem_id() =>
        Assert.Throws<ArgumentException>(() => OsvPublication.ToOsv(PublicationSamples.Published(), PublicationSamples.Input() with { AdvisoryId = "NSWG-COR-1" }));
}
