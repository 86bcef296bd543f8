using System.Text.Json;
using Vigil.Domain.Semver;
using Vigil.Testing;

namespace Vigil.Domain.Tests.Semver.Differential;

/// <summary>
/// Vigil against the real <c>semver</c> package: validity of versions, the canonical form of ranges (which
/// implies their validity) and <c>satisfies</c>, under all four combinations of <c>loose</c> and
/// <c>includePrerelease</c>. The bar is zero disagreements.
/// </summary>
public class SemverDifferentialTests(ITestOutputHelper output)
{
    private const int GeneratedCases = 120_000;

    [Fact]
    public void GeneratedCases_AgreeWithNodeSemver()
    {
        var generator = new SemverCaseGenerator(seed: 20261129);
        var cases = new List<SemverCase>(GeneratedCases);
        while (cases.Count < GeneratedCases)
        {
            string range = generator.Range();
            var near = generator.VersionsNear(range).ToList();
            string version = near.Count > 0 && generator.Options() < 2 ? near[cases.Count % near.Count] : generator.Version();
            cases.Add(new SemverCase(version, range, generator.Options()));
        }

        AssertAgreement(cases);
    }

    [Fact]
    public void EveryRangeInTheWorkingGroupData_AgreesWithNodeSemver()
    {
        var generator = new SemverCaseGenerator(seed: 7);
        string[] fixedVersions = ["0.0.0", "0.0.1", "1.0.0", "1.0.0-beta", "4.17.4", "4.17.5", "8.9.0", "20.0.0-pre", "99.0.0", "v6.0.0"];
        var cases = new List<SemverCase>();
        foreach (string range in WorkingGroupRanges())
        {
            foreach (string version in generator.VersionsNear(range).Concat(fixedVersions).Distinct())
            {
                for (int options = 0; options < 4; options++)
                {
                    cases.Add(new SemverCase(version, range, options));
                }
            }
        }

        Assert.True(cases.Count > 20_000, $"only {cases.Count} cases from the WG data");
        AssertAgreement(cases);
    }

    private static IEnumerable<string> WorkingGroupRanges()
    {
        var ranges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (folder, fields) in new[] { ("npm", new[] { "vulnerable_versions", "patched_versions" }), ("core", new[] { "vulnerable", "patched" }) })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(SharedData.NodejsSecurityWg, folder), "*.json"))
            {
                if (Path.GetFileName(file) == "index.json")
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                foreach (string field in fields)
                {
                    if (doc.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        ranges.Add(value.GetString()!);
                    }
                }
            }
        }

        return ranges;
    }

    private void AssertAgreement(IReadOnlyList<SemverCase> cases)
    {
        var expected = SemverOracle.Ask(cases);
        int disagreements = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            var actual = Evaluate(cases[i]);
            if (actual != expected[i])
            {
                if (++disagreements <= 25)
                {
                    output.WriteLine($"{JsonSerializer.Serialize(cases[i])}\n  node:  {expected[i]}\n  vigil: {actual}");
                }
            }
        }

        output.WriteLine(
            $"{cases.Count} cases ({expected.Count(v => v.ValidVersion is not null)} valid versions, " +
            $"{expected.Count(v => v.ValidRange is not null)} valid ranges, {expected.Count(v => v.Satisfies)} satisfied), " +
            $"{disagreements} disagreements");
        Assert.Equal(0, disagreements);
    }

    private static SemverVerdict Evaluate(SemverCase c)
    {
        var options = (SemverOptions)c.Options;
        string? version = NpmVersion.TryParse(c.Version, options, out var parsed, out _) ? parsed.ToString() : null;
        bool validRange = NpmRange.TryParse(c.Range, options, out var range, out _);
        return new SemverVerdict(version, validRange ? range!.Canonical : null, validRange && range!.IsSatisfiedBy(c.Version));
    }
}
