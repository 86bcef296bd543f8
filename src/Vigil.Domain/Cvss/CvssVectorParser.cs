namespace Vigil.Domain.Cvss;

/// <summary>Strict parser of CVSS v3.0, v3.1 and v4.0 vector strings. Linear in the input; never throws on bad input.</summary>
internal static class CvssVectorParser
{
    /// <summary>Vectors longer than this are rejected before any other work (the longest valid vector is about 200 characters).</summary>
    public const int MaxLength = 512;

    private const int MaxQuotedLength = 24;

    /// <summary>Parses <paramref name="text"/> (already trimmed) into its version and metric values.</summary>
    /// <returns>Null, or the reason the text is not a valid vector.</returns>
    public static string? TryParse(string text, out CvssVersion version, out CvssMetricValues? values)
    {
        values = null;
        version = default;
        if (text.Length == 0)
        {
            return "vector is empty";
        }

        if (!text.StartsWith("CVSS:", StringComparison.Ordinal))
        {
            return "vector does not start with 'CVSS:'";
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var versionText = slash < 0 ? text.AsSpan(5) : text.AsSpan(5, slash - 5);
        switch (versionText)
        {
            case "3.0": version = CvssVersion.V30; break;
            case "3.1": version = CvssVersion.V31; break;
            case "4.0": version = CvssVersion.V40; break;
            default: return $"unsupported CVSS version '{Quote(versionText)}' (expected 3.0, 3.1 or 4.0)";
        }

        if (slash < 0 || slash == text.Length - 1)
        {
            return "vector has no metrics";
        }

        var table = version == CvssVersion.V40 ? CvssV4Metrics.Table : CvssV3Metrics.Table;
        var parsed = new CvssMetricValues(table);
        var error = ParseMetrics(text.AsSpan(slash + 1), parsed);
        if (error is not null)
        {
            return error;
        }

        values = parsed;
        return null;
    }

    private static string? ParseMetrics(ReadOnlySpan<char> rest, CvssMetricValues parsed)
    {
        var table = parsed.Table;
        var previous = -1;
        foreach (var range in rest.Split('/'))
        {
            var field = rest[range];
            if (field.IsEmpty)
            {
                return range.Start.Value == rest.Length ? "vector ends with '/'" : "vector has an empty metric ('//')";
            }

            var colon = field.IndexOf(':');
            if (colon < 0)
            {
                return $"metric '{Quote(field)}' has no value (expected NAME:VALUE)";
            }

            var name = field[..colon];
            var value = field[(colon + 1)..];
            var metric = table.IndexOf(name);
            if (metric < 0)
            {
                return $"unknown metric '{Quote(name)}'";
            }

            var valueIndex = table[metric].IndexOf(value);
            if (valueIndex < 0)
            {
                return $"invalid value '{Quote(value)}' for metric '{table[metric].Name}'";
            }

            if (parsed.IsPresent(metric))
            {
                return $"metric '{table[metric].Name}' appears twice";
            }

            if (table.RequiresOrder && metric < previous)
            {
                return $"metric '{table[metric].Name}' is out of order (CVSS v4.0 requires the order "
                    + $"of the specification, so '{table[metric].Name}' must come before '{table[previous].Name}')";
            }

            parsed.Set(metric, valueIndex);
            previous = metric;
        }

        for (var metric = 0; metric < table.Count; metric++)
        {
            if (table[metric].IsBase && !parsed.IsPresent(metric))
            {
                return $"missing base metric '{table[metric].Name}'";
            }
        }

        return null;
    }

    /// <summary>A bounded, printable copy of a piece of the input for an error message.</summary>
    private static string Quote(ReadOnlySpan<char> text)
    {
        var shown = text.Length > MaxQuotedLength ? text[..MaxQuotedLength] : text;
        var chars = new char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            chars[i] = char.IsControl(shown[i]) ? '?' : shown[i];
        }

        return text.Length > MaxQuotedLength ? new string(chars) + "…" : new string(chars);
    }
}
