using System.Text;
using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Domain.Tests.Semver.Differential;

/// <summary>One differential case and node-semver's answer to it.</summary>
internal sealed record SemverCase(string Version, string Range, int Options);

/// <summary>What node-semver (or Vigil) says about a case: <c>valid</c>, <c>validRange</c>, <c>satisfies</c>.</summary>
internal sealed record SemverVerdict(string? ValidVersion, string? ValidRange, bool Satisfies);

/// <summary>Asks the real <c>semver</c> package, installed from the npm registry, through node.</summary>
internal static class SemverOracle
{
    public static IReadOnlyList<SemverVerdict> Ask(IReadOnlyList<SemverCase> cases)
    {
        string tool = NodeTools.Tool("semver-oracle");
        var input = new StringBuilder(cases.Count * 40);
        foreach (var c in cases)
        {
            input.Append(JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = c.Version, ["r"] = c.Range, ["o"] = c.Options }))
                 .Append('\n');
        }

        string output = NodeTools.RunNode(tool, "oracle.js", input.ToString(), TimeSpan.FromMinutes(5));
        var verdicts = new List<SemverVerdict>(cases.Count);
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var a = doc.RootElement;
            verdicts.Add(new SemverVerdict(a[0].GetString(), a[1].GetString(), a[2].GetBoolean()));
        }

        return verdicts.Count == cases.Count
            ? verdicts
            : throw new InvalidOperationException($"The oracle answered {verdicts.Count} of {cases.Count} cases.");
    }
}
