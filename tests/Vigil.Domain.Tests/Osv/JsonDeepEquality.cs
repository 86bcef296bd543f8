using System.Globalization;
using System.Text.Json;

namespace Vigil.Domain.Tests.Osv;

/// <summary>
/// Semantic JSON comparison for the round-trip tests: object key order is ignored; arrays are ordered;
/// strings compare by value (escapes decoded); numbers compare by their exact text, so <c>1.0</c> and
/// <c>1</c> differ. Returns the first difference as a path and a description, or null when equal.
/// </summary>
internal static class JsonDeepEquality
{
    public static string? Difference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var left = Properties(expected, path);
                var right = Properties(actual, path);
                foreach (var name in left.Keys)
                {
                    if (!right.TryGetValue(name, out var value))
                    {
                        return $"{path}.{name}: missing";
                    }

                    if (Difference(left[name], value, $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = right.Keys.FirstOrDefault(name => !left.ContainsKey(name));
                return extra is null ? null : $"{path}.{extra}: unexpected";

            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    return $"{path}: expected {expectedItems.Count} items, got {actualItems.Count}";
                }

                for (var i = 0; i < expectedItems.Count; i++)
                {
                    if (Difference(expectedItems[i], actualItems[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.String:
                return expected.GetString() == actual.GetString()
                    ? null
                    : $"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"";

            case JsonValueKind.Number:
                return expected.GetRawText() == actual.GetRawText()
                    ? null
                    : $"{path}: expected number {expected.GetRawText()}, got {actual.GetRawText()}";

            default:
                return null; // true, false, null: the kinds already match
        }
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement element, string path)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw new InvalidOperationException(
                    string.Create(CultureInfo.InvariantCulture, $"{path}.{property.Name} appears twice; cannot compare"));
            }
        }

        return properties;
    }
}
