using System.Globalization;
using System.Text.Json;
using Vigil.Domain.Cvss;
using Vigil.Testing;

namespace Vigil.Domain.Tests.Cvss;

/// <summary>The generated v4.0 data is FIRST's, and the scoring algorithm is total over every vector.</summary>
public sealed class CvssV4TablesTests
{
    private const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H";

    [Fact]
    public void Macrovector_scores_match_the_shared_data_of_FIRST()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedDataDirectory(), "macrovector-scores.json")));
        var count = 0;
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            var d = entry.Name.Select(c => c - '0').ToArray();
            var index = CvssV4MacroVectorScores.IndexOf(d[0], d[1], d[2], d[3], d[4], d[5]);
            Assert.Equal(decimal.Parse(entry.Value.GetRawText(), CultureInfo.InvariantCulture) * 10, CvssV4MacroVectorScores.Tenths[index]);
            count++;
        }

        Assert.Equal(270, count);
        Assert.Equal(270, CvssV4MacroVectorScores.Tenths.ToArray().Count(t => t >= 0));
    }

    [Fact]
    public void Highest_severity_vectors_and_depths_match_the_shared_data_of_FIRST()
    {
        var dir = SharedDataDirectory();
        using var composed = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "max-composed.json")));
        using var severity = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "max-severity.json")));
        var c = composed.RootElement;
        var s = severity.RootElement;
        for (var level = 0; level < 3; level++)
        {
            Assert.Equal(Letters(c.GetProperty("eq1").GetProperty(Key(level))), CvssV4MaxVectors.Eq1[level]);
            Assert.Equal(Letters(c.GetProperty("eq4").GetProperty(Key(level))), CvssV4MaxVectors.Eq4[level]);
            Assert.Equal(Letters(c.GetProperty("eq5").GetProperty(Key(level))), CvssV4MaxVectors.Eq5[level]);
            Assert.Equal(s.GetProperty("eq1").GetProperty(Key(level)).GetInt32(), CvssV4MaxVectors.Eq1Depth[level]);
            Assert.Equal(s.GetProperty("eq4").GetProperty(Key(level)).GetInt32(), CvssV4MaxVectors.Eq4Depth[level]);
            Assert.Equal(s.GetProperty("eq5").GetProperty(Key(level)).GetInt32(), CvssV4MaxVectors.Eq5Depth[level]);
            for (var eq6 = 0; eq6 < 2; eq6++)
            {
                var exists = c.GetProperty("eq3").GetProperty(Key(level)).TryGetProperty(Key(eq6), out var vectors);
                Assert.Equal(exists ? Letters(vectors) : [], CvssV4MaxVectors.Eq3Eq6[level][eq6]);
                Assert.Equal(
                    exists ? s.GetProperty("eq3eq6").GetProperty(Key(level)).GetProperty(Key(eq6)).GetInt32() : 0,
                    CvssV4MaxVectors.Eq3Eq6Depth[level][eq6]);
            }
        }

        for (var level = 0; level < 2; level++)
        {
            Assert.Equal(Letters(c.GetProperty("eq2").GetProperty(Key(level))), CvssV4MaxVectors.Eq2[level]);
            Assert.Equal(s.GetProperty("eq2").GetProperty(Key(level)).GetInt32(), CvssV4MaxVectors.Eq2Depth[level]);
        }
    }

    [Fact]
    public void Every_combination_of_each_equivalence_set_has_a_highest_severity_vector_above_it()
    {
        foreach (var av in "NALP")
        foreach (var pr in "NLH")
        foreach (var ui in "NPA")
        {
            AssertDominated($"CVSS:4.0/AV:{av}/AC:L/AT:N/PR:{pr}/UI:{ui}/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", CvssV4Calculator.Eq1Metrics, e => CvssV4MaxVectors.Eq1[e.Eq1]);
        }

        foreach (var ac in "LH")
        foreach (var at in "NP")
        {
            AssertDominated($"CVSS:4.0/AV:N/AC:{ac}/AT:{at}/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", CvssV4Calculator.Eq2Metrics, e => CvssV4MaxVectors.Eq2[e.Eq2]);
        }

        foreach (var vc in "HLN")
        foreach (var vi in "HLN")
        foreach (var va in "HLN")
        foreach (var cr in "XHML")
        foreach (var ir in "XHML")
        foreach (var ar in "XHML")
        {
            AssertDominated($"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:{vc}/VI:{vi}/VA:{va}/SC:H/SI:H/SA:H/CR:{cr}/IR:{ir}/AR:{ar}", CvssV4Calculator.Eq3Eq6Metrics, e => CvssV4MaxVectors.Eq3Eq6[e.Eq3][e.Eq6]);
        }

        foreach (var sc in "HLN")
        foreach (var si in new[] { "X", "S", "H", "L", "N" })
        foreach (var sa in new[] { "X", "S", "H", "L", "N" })
        {
            AssertDominated($"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:{sc}/SI:L/SA:N/MSI:{si}/MSA:{sa}", CvssV4Calculator.Eq4Metrics, e => CvssV4MaxVectors.Eq4[e.Eq4]);
        }
    }

    [Fact]
    public void Every_base_vector_scores_between_zero_and_ten()
    {
        var count = 0;
        foreach (var av in "NALP")
        foreach (var ac in "LH")
        foreach (var at in "NP")
        foreach (var pr in "NLH")
        foreach (var ui in "NPA")
        foreach (var vc in "HLN")
        foreach (var vi in "HLN")
        foreach (var va in "HLN")
        foreach (var sc in "HLN")
        foreach (var si in "HLN")
        foreach (var sa in "HLN")
        {
            var vector = CvssVector.Parse($"CVSS:4.0/AV:{av}/AC:{ac}/AT:{at}/PR:{pr}/UI:{ui}/VC:{vc}/VI:{vi}/VA:{va}/SC:{sc}/SI:{si}/SA:{sa}");
            Assert.InRange(vector.Scores.Score, 0m, 10m);
            count++;
        }

        Assert.Equal(104_976, count);
        Assert.Equal(10.0m, CvssVector.Parse(Base).Scores.Score);
    }

    private static void AssertDominated(string text, int[] metrics, Func<CvssV4EquivalenceSets, string[]> highest)
    {
        Assert.Null(CvssVectorParser.TryParse(text, out _, out var values));
        var effective = new CvssV4EffectiveMetrics(values!, baseOnly: false);
        Assert.NotNull(CvssV4Calculator.TryDistance(effective, metrics, highest(CvssV4EquivalenceSets.Of(effective))));
    }

    private static string Key(int level) => level.ToString(CultureInfo.InvariantCulture);

    /// <summary>"AV:N/PR:N/UI:N/" → "NNN", as the generated tables write highest severity vectors.</summary>
    private static string[] Letters(JsonElement vectors) =>
        [.. vectors.EnumerateArray().Select(v => string.Concat(v.GetString()!.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(m => m[(m.IndexOf(':', StringComparison.Ordinal) + 1)..])))];

    private static string SharedDataDirectory() => SharedData.CvssV4;
}
