using System.Text.Json;
using Vigil.Domain.Semver;
using Vigil.Testing;

namespace Vigil.Domain.Tests.Semver;

/// <summary>Reads node-semver's own fixture tables (shared data) into test rows.</summary>
internal static class NodeSemverFixtures
{
    public static IEnumerable<JsonElement[]> Rows(string file)
    {
        string path = Path.Combine(SharedData.NodeSemverFixtures, file);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. doc.RootElement.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.Clone()).ToArray())];
    }

    public static TheoryData<int, string> Indexed(string file)
    {
        var data = new TheoryData<int, string>();
        int i = 0;
        foreach (var row in Rows(file))
        {
            data.Add(i++, string.Join(" | ", row.Select(e => e.ToString())));
        }

        return data;
    }

    public static JsonElement[] Row(string file, int index) => Rows(file).ElementAt(index);

    /// <summary>node-semver's <c>parseOptions</c>: <c>true</c> is loose, an object is read for its flags.</summary>
    public static SemverOptions Options(JsonElement[] row, int index)
    {
        if (row.Length <= index)
        {
            return SemverOptions.None;
        }

        var e = row[index];
        return e.ValueKind switch
        {
            JsonValueKind.True => SemverOptions.Loose,
            JsonValueKind.Object =>
                (Flag(e, "loose") ? SemverOptions.Loose : SemverOptions.None) |
                (Flag(e, "includePrerelease") ? SemverOptions.IncludePrerelease : SemverOptions.None),
            _ => SemverOptions.None,
        };
    }

    private static bool Flag(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>A string input, or null for the rows that pass a regexp or an object (not a string).</summary>
    public static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : null;
}
