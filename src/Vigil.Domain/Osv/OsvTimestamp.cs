using System.Globalization;
using Vigil.Domain.Osv.Serialization;

namespace Vigil.Domain.Osv;

/// <summary>
/// An OSV timestamp (<c>modified</c>, <c>published</c>, <c>withdrawn</c>). The text is kept exactly as read and
/// written back unchanged; <see cref="Value"/> parses it as an RFC 3339 date-time on demand.
/// </summary>
/// <remarks>
/// The schema requires RFC 3339 in UTC (<c>2021-03-08T16:02:43Z</c>). Reading does not enforce this, so that a
/// record is never rewritten or refused for its timestamp format alone; check <see cref="IsRfc3339"/> where it matters.
/// </remarks>
public sealed record OsvTimestamp
{
    /// <summary>Wraps a timestamp text as found in a record.</summary>
    /// <param name="text">The text, kept verbatim.</param>
    public OsvTimestamp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>The timestamp exactly as written in the record.</summary>
    public string Text { get; }

    /// <summary>
    /// The parsed instant, or null when <see cref="Text"/> is not an RFC 3339 date-time. Fractions of a second
    /// beyond 100 ns are truncated; a leap second (<c>:60</c>) and an offset beyond ±14:00 are not representable
    /// and give null.
    /// </summary>
    public DateTimeOffset? Value => Rfc3339.TryParse(Text, out var value) ? value : null;

    /// <summary>Whether <see cref="Text"/> is an RFC 3339 date-time that <see cref="Value"/> can represent.</summary>
    public bool IsRfc3339 => Rfc3339.TryParse(Text, out _);

    /// <summary>
    /// Formats an instant the way OSV expects: UTC with a <c>Z</c>, and fractional seconds only when there are any
    /// (<c>2024-01-03T23:23:36.586611Z</c>).
    /// </summary>
    /// <param name="value">The instant.</param>
    /// <returns>The timestamp.</returns>
    public static OsvTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text += "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return new OsvTimestamp(text + "Z");
    }

    /// <summary>The timestamp text.</summary>
    /// <returns><see cref="Text"/>.</returns>
    public override string ToString() => Text;
}
