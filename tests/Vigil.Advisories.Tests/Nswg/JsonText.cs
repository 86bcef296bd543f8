using System.Text.Json;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>Independent JSON comparisons for tests (not the library's own code).</summary>
internal static class JsonText
{
    /// <summary>The JSON with all whitespace outside strings removed, every other byte (escapes, number text) kept.</summary>
    public static byte[] WithoutInsignificantWhitespace(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        var output = new List<byte>(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                output.Add(b);
                if (b == (byte)'\\')
                {
                    output.Add(json[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                output.Add(b);
                inString = b == (byte)'"';
            }
        }

        return [.. output];
    }

    /// <summary>Null when equal; otherwise the path of the first difference. Keys and items compared in order, numbers as text.</summary>
    public static string? FirstDifference(JsonElement a, JsonElement b, string path = "$")
    {
        if (a.ValueKind != b.ValueKind)
        {
            return $"{path}: {a.ValueKind} vs {b.ValueKind}";
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var membersA = a.EnumerateObject().ToList();
                var membersB = b.EnumerateObject().ToList();
                if (!membersA.Select(m => m.Name).SequenceEqual(membersB.Select(m => m.Name)))
                {
                    return $"{path}: keys [{string.Join(",", membersA.Select(m => m.Name))}] vs [{string.Join(",", membersB.Select(m => m.Name))}]";
                }

                return membersA.Zip(membersB).Select(p => FirstDifference(p.First.Value, p.Second.Value, path + "." + p.First.Name)).FirstOrDefault(d => d is not null);
            case JsonValueKind.Array:
                var itemsA = a.EnumerateArray().ToList();
                var itemsB = b.EnumerateArray().ToList();
                if (itemsA.Count != itemsB.Count)
                {
                    return $"{path}: {itemsA.Count} items vs {itemsB.Count}";
                }

                return itemsA.Zip(itemsB).Select((p, i) => FirstDifference(p.First, p.Second, $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case JsonValueKind.String:
                return a.GetString() == b.GetString() ? null : $"{path}: strings differ";
            default:
                return a.GetRawText() == b.GetRawText() ? null : $"{path}: {a.GetRawText()} vs {b.GetRawText()}";
        }
    }
}
