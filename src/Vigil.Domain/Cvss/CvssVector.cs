using System.Diagnostics.CodeAnalysis;

namespace Vigil.Domain.Cvss;

/// <summary>
/// A validated CVSS v3.0, v3.1 or v4.0 vector string and its scores, computed as FIRST's specifications define them.
/// </summary>
/// <remarks>
/// Validation is strict: the <c>CVSS:3.0/</c>, <c>CVSS:3.1/</c> or <c>CVSS:4.0/</c> prefix; every Base metric exactly
/// once; only the specification's metric names and values (case-sensitive, <c>X</c> allowed for optional metrics);
/// no metric twice. v3.x vectors may list metrics in any order, as their specifications require readers to accept;
/// v4.0 vectors must follow the specification's order, which it says is the only valid one.
/// Surrounding white space is ignored; vectors longer than 512 characters are rejected.
/// </remarks>
public sealed class CvssVector
{
    private readonly CvssMetricValues _values;

    private CvssVector(string text, CvssVersion version, CvssMetricValues values)
    {
        Text = text;
        Version = version;
        _values = values;
        Scores = CvssScores.Compute(version, values);
    }

    /// <summary>The vector as given, without surrounding white space.</summary>
    public string Text { get; }

    /// <summary>The CVSS version named by the vector's prefix.</summary>
    public CvssVersion Version { get; }

    /// <summary>The vector's scores.</summary>
    public CvssScores Scores { get; }

    /// <summary>Parses a vector string; never throws.</summary>
    /// <param name="text">The vector string, e.g. <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>.</param>
    /// <param name="vector">The vector, when valid.</param>
    /// <param name="error">Why the text is not a valid vector, e.g. <c>missing base metric 'PR'</c>, when invalid.</param>
    /// <returns>Whether <paramref name="text"/> is a valid vector.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CvssVector? vector, [NotNullWhen(false)] out string? error)
    {
        vector = null;
        if (text is null)
        {
            error = "vector is null";
            return false;
        }

        if (text.Length > CvssVectorParser.MaxLength)
        {
            error = $"vector is too long ({text.Length} characters; at most {CvssVectorParser.MaxLength})";
            return false;
        }

        var trimmed = text.Trim();
        error = CvssVectorParser.TryParse(trimmed, out var version, out var values);
        if (error is not null || values is null)
        {
            error ??= "vector is invalid";
            return false;
        }

        vector = new CvssVector(trimmed, version, values);
        return true;
    }

    /// <summary>Parses a vector string.</summary>
    /// <param name="text">The vector string.</param>
    /// <returns>The vector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid vector; the message is the one <see cref="TryParse"/> gives.</exception>
    public static CvssVector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var vector, out var error) ? vector : throw new FormatException(error);
    }

    /// <summary>The value the vector gives for <paramref name="metric"/> (e.g. <c>AV</c> → <c>N</c>), or null when it omits the metric.</summary>
    /// <param name="metric">An abbreviated metric name of the vector's version, case-sensitive.</param>
    /// <returns>The value as written in the vector (possibly <c>X</c>), or null.</returns>
    public string? GetMetric(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var index = _values.Table.IndexOf(metric);
        return index < 0 ? null : _values.Get(index);
    }

    /// <summary>The vector string (<see cref="Text"/>).</summary>
    public override string ToString() => Text;
}
