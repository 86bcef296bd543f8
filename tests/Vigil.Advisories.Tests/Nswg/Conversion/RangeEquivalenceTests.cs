using Vigil.Advisories.Nswg;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>
/// The issue's bar: for every npm and core record of the WG and many versions, OSV evaluation of the converted
/// record says exactly what npm's <c>satisfies</c> says of the WG's ranges (npm audit's options); and npm
/// records never match Node.js, nor core records the npm package <c>node</c>.
/// </summary>
public sealed class RangeEquivalenceTests(ITestOutputHelper output)
{
    private static readonly string[] Spread =
    [
        "0.0.0-0", "0.0.0", "0.0.1", "0.1.0", "0.9.9", "1.0.0-alpha", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.3", "1.9.99",
        "2.0.0-beta.1", "2.0.0", "3.1.4", "4.17.20", "5.0.0", "6.9.0", "8.11.3", "10.0.0", "12.22.12", "14.21.3",
        "16.20.2", "18.20.8", "20.20.2", "22.22.2", "24.14.1", "25.8.2", "99.99.99", "1000.0.0",
    ];

    [Fact]
    public void Osv_evaluation_equals_npm_satisfies_for_every_record()
    {
        var random = new Random(20261129);
        int records = 0, checks = 0;
        foreach (var file in WgSnapshot.Files)
        {
            if (file.Record is NswgNpmRecord npm)
            {
                var vulnerable = Range(npm.VulnerableVersions.Value);
                checks += Check(file, "npm", npm.ModuleName!, Versions(random, npm.VulnerableVersions.Value, npm.PatchedVersions.Value),
                    v => vulnerable?.IsSatisfiedBy(v) ?? false);
                records++;
            }
            else if (file.Record is NswgCoreRecord core)
            {
                var vulnerable = Range(core.Vulnerable);
                var patched = Range(core.Patched);
                checks += Check(file, "Node.js", "node", Versions(random, core.Vulnerable, core.Patched),
                    v => (vulnerable?.IsSatisfiedBy(v) ?? false) && !(patched?.IsSatisfiedBy(v) ?? false));
                records++;
            }
        }

        output.WriteLine($"{records} records, {checks} versions checked ({checks / records} per record on average)");
        Assert.Equal(WgSnapshot.Files.Count(f => f.Record.Kind != NswgKind.Deps), records);
        Assert.True(checks > 50_000, $"only {checks} checks");
    }

    /// <summary>Checks every version; returns how many were checked.</summary>
    private static int Check(WgFile file, string ecosystem, string name, IReadOnlyList<NpmVersion> versions, Func<NpmVersion, bool> satisfies)
    {
        var osv = file.Osv;
        var (otherEcosystem, otherName) = ecosystem == "npm" ? ("Node.js", "node") : ("npm", "node");
        foreach (var version in versions)
        {
            var expected = satisfies(version);
            Assert.True(expected == OsvMatcher.Affects(osv, ecosystem, name, version), $"{file.Name} @ {version}: npm says {expected}");
            Assert.False(OsvMatcher.Affects(osv, otherEcosystem, otherName, version), $"{file.Name} @ {version} matches {otherEcosystem} {otherName}");
            Assert.False(OsvMatcher.Affects(osv, otherEcosystem, name, version), $"{file.Name} @ {version} matches {otherEcosystem} {name}");
        }

        Assert.All(osv.Affected ?? [], a => Assert.Empty(AffectedVersions.Compile(a).Problems));
        return versions.Count;
    }

    private static NpmRange? Range(string? text) =>
        NpmRange.TryParse(text, SemverOptions.NpmAudit, out var range, out _) ? range : null;

    /// <summary>
    /// Each bound of both ranges and its neighbours (patch ± 1, next minor and major, the bound's <c>-0</c>
    /// prerelease, a prerelease of the next patch, its successor), the fixed spread, and 40 random versions.
    /// </summary>
    private static List<NpmVersion> Versions(Random random, params string?[] ranges)
    {
        var texts = new List<string>(Spread);
        foreach (var range in ranges.Select(Range).OfType<NpmRange>())
        {
            foreach (var bound in range.Sets.SelectMany(set => set).Select(c => c.Version).OfType<NpmVersion>())
            {
                var (major, minor, patch) = (bound.Major, bound.Minor, bound.Patch);
                texts.AddRange([
                    bound.ToString(), $"{major}.{minor}.{patch}", $"{major}.{minor}.{patch + 1}", $"{major}.{minor + 1}.0",
                    $"{major + 1}.0.0", $"{major}.{minor}.{patch}-0", $"{major}.{minor}.{patch + 1}-alpha.1", $"{major + 1}.0.0-rc.1",
                    bound.Successor()?.ToString() ?? "0.0.0",
                ]);
                if (patch > 0)
                {
                    texts.Add($"{major}.{minor}.{patch - 1}");
                }

                if (minor > 0)
                {
                    texts.Add($"{major}.{minor - 1}.99");
                }
            }
        }

        for (var i = 0; i < 40; i++)
        {
            var text = $"{random.Next(30)}.{random.Next(30)}.{random.Next(40)}";
            texts.Add(random.Next(5) == 0 ? $"{text}-{(random.Next(2) == 0 ? "beta" : "rc")}.{random.Next(3)}" : text);
        }

        return [.. texts.Distinct().Select(t => NpmVersion.Parse(t, SemverOptions.Loose))];
    }
}
