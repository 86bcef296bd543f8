using Vigil.Advisories.Nswg;
using Vigil.Advisories.Tests.Nswg.Conversion;
using Vigil.Domain.Cvss;
using Vigil.Domain.Semver;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>
/// The content rules on the WG's real records: every finding is printed (they are inconsistencies for the WG to
/// fix) and checked against an independent computation, and records without a finding are checked too.
/// </summary>
public sealed class RealDataContentRuleTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_finding_is_true_and_every_record_without_one_is_consistent()
    {
        var validator = new NswgValidator(NswgRules.Content);
        var count = 0;
        foreach (var file in WgSnapshot.Files)
        {
            var findings = validator.Validate(file.Record, file.Name);
            foreach (var finding in findings)
            {
                output.WriteLine($"{finding}   [{finding.RuleId}]");
            }

            count += findings.Count;
            if (file.Record is NswgNpmRecord npm)
            {
                CheckOverlap(npm, findings.SingleOrDefault(f => f.RuleId == "vigil/npm/patched-not-vulnerable"));
                CheckCvss(npm.CvssVector.Value, npm.CvssScore.Value, findings.Where(f => f.RuleId == "vigil/npm/cvss"));
            }
            else if (file.Record is NswgCoreRecord core)
            {
                CheckCvss(core.Cvss, core.CvssScore, findings.Where(f => f.RuleId == "vigil/core/cvss"));
            }

            Assert.DoesNotContain(findings, f => f.RuleId.EndsWith("/semver-ranges", StringComparison.Ordinal));
        }

        output.WriteLine($"{count} findings");
    }

    /// <summary>The example of a finding is in both ranges; without a finding, no release near the bounds is.</summary>
    private static void CheckOverlap(NswgNpmRecord npm, NswgFinding? finding)
    {
        var vulnerable = NpmRange.Parse(npm.VulnerableVersions.Value!, SemverOptions.NpmAudit);
        if (!npm.PatchedVersions.HasValue)
        {
            Assert.Null(finding);
            return;
        }

        var patched = NpmRange.Parse(npm.PatchedVersions.Value!, SemverOptions.NpmAudit);
        if (finding is not null)
        {
            var example = finding.Message.Split(": ")[^1].Split(' ')[0];
            Assert.True(vulnerable.IsSatisfiedBy(example) && patched.IsSatisfiedBy(example), finding.ToString());
            return;
        }

        var bounds = new[] { vulnerable, patched }.SelectMany(r => r.Sets).SelectMany(s => s).Select(c => c.Version).OfType<NpmVersion>();
        foreach (var v in bounds.SelectMany(b => new[] { b, b.Successor() }).OfType<NpmVersion>().Where(v => !v.IsPrerelease))
        {
            Assert.False(vulnerable.IsSatisfiedBy(v) && patched.IsSatisfiedBy(v), $"npm {npm.Id}: {v} is in both ranges");
        }
    }

    /// <summary>A finding exactly when the vector is invalid, or its base score is not the stated one.</summary>
    private static void CheckCvss(string? vector, NswgNumber? score, IEnumerable<NswgFinding> findings)
    {
        var outOfRange = score is not null && score.ToDouble() is < 0 or > 10;
        var consistent = vector is null
            ? !outOfRange
            : CvssVector.TryParse(vector, out var parsed, out _) && score is not null && (double)parsed.Scores.BaseScore == score.ToDouble();
        Assert.Equal(!consistent, findings.Any());
    }
}
