using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Vigil.Advisories.Nswg;

/// <summary>
/// A JSON number kept as its original text, so that <c>7.5</c>, <c>9</c> and <c>5.0</c> are written back
/// exactly as they were read. Two numbers are equal when their texts are equal.
/// </summary>
public sealed class NswgNumber : IEquatable<NswgNumber>
{
    private NswgNumber(string text) => Text = text;

    /// <summary>The number as it is written in JSON, e.g. <c>7.5</c>.</summary>
    public string Text { get; }

    /// <summary>Makes a number from JSON number text such as <c>9</c>, <c>-1</c>, <c>7.5</c> or <c>1e3</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a JSON number.</exception>
    public static NswgNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var number)
            ? number
            : throw new FormatException($"'{text}' is not a JSON number.");
    }

    /// <summary>Makes a number from JSON number text; false when the text is not a JSON number.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NswgNumber? number)
    {
        number = text is not null && IsJsonNumber(text) ? new NswgNumber(text) : null;
        return number is not null;
    }

    /// <summary>Makes a number from an integer, written as JavaScript would write it.</summary>
    public static NswgNumber FromInt64(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The value as JavaScript's <c>JSON.parse</c> sees it: a double, which is infinite when the text is out of range.
    /// </summary>
    public double ToDouble() => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value as a whole number, when the text is an integer (no fraction, no exponent) that fits a long.</summary>
    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <inheritdoc/>
    public bool Equals(NswgNumber? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NswgNumber);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>The JSON text of the number.</summary>
    public override string ToString() => Text;

    /// <summary>True when the text follows the JSON number grammar (RFC 8259 §6).</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }

        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }

        if (s[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(s, i);
        }

        if (i < s.Length && s[i] == '.')
        {
            var start = ++i;
            i = SkipDigits(s, i);
            if (i == start)
            {
                return false;
            }
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            var start = i;
            i = SkipDigits(s, i);
            if (i == start)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int SkipDigits(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i;
    }
}
