using System.Globalization;
using Vigil.Domain.Semver.Internal;

namespace Vigil.Domain.Semver;

/// <summary>One dot-separated part of a prerelease, such as <c>beta</c> or <c>1</c> in <c>1.0.0-beta.1</c>.</summary>
/// <remarks>
/// node-semver turns an all-digit identifier below <c>Number.MAX_SAFE_INTEGER</c> into a number (so <c>01</c>
/// read loosely becomes <c>1</c>) and keeps anything else as a string. Larger all-digit strings still compare
/// numerically, through JavaScript's double conversion; this type keeps that behaviour, including its loss of
/// precision.
/// </remarks>
public readonly struct PrereleaseIdentifier : IEquatable<PrereleaseIdentifier>
{
    private readonly double _value;

    private PrereleaseIdentifier(string text, bool isNumber, bool isDigits, double value)
    {
        Text = text;
        IsNumber = isNumber;
        IsDigits = isDigits;
        _value = value;
    }

    /// <summary>The identifier as node-semver prints it.</summary>
    public string Text { get; }

    /// <summary>Whether node-semver holds this identifier as a number.</summary>
    public bool IsNumber { get; }

    /// <summary>Whether the identifier is all digits (and so compares numerically).</summary>
    public bool IsDigits { get; }

    /// <summary>The numeric value, when <see cref="IsNumber"/> is true.</summary>
    public long NumericValue => IsNumber ? (long)_value : throw new InvalidOperationException("Not a numeric identifier.");

    /// <summary>Creates an identifier from its text as node-semver does.</summary>
    internal static PrereleaseIdentifier FromText(string text)
    {
        if (text.Length > 0 && Grammar.DigitRun(text, 0) == text.Length)
        {
            double value = JsString.DigitsToNumber(text);
            return value < Grammar.MaxSafeInteger
                ? new PrereleaseIdentifier(((long)value).ToString(CultureInfo.InvariantCulture), true, true, value)
                : new PrereleaseIdentifier(text, false, true, value);
        }

        return new PrereleaseIdentifier(text, false, false, 0);
    }

    /// <summary>node-semver's <c>compareIdentifiers</c>.</summary>
    internal static int Compare(in PrereleaseIdentifier a, in PrereleaseIdentifier b)
    {
        if (a.IsDigits && b.IsDigits)
        {
            return a._value == b._value ? 0 : a._value < b._value ? -1 : 1;
        }

        if (a.IsDigits)
        {
            return -1;
        }

        if (b.IsDigits)
        {
            return 1;
        }

        int c = string.CompareOrdinal(a.Text, b.Text);
        return c == 0 ? 0 : c < 0 ? -1 : 1;
    }

    /// <summary>JavaScript's <c>===</c> between two identifiers: same kind and same value.</summary>
    public bool Equals(PrereleaseIdentifier other) =>
        IsNumber == other.IsNumber && (IsNumber ? _value == other._value : string.Equals(Text, other.Text, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PrereleaseIdentifier other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsNumber, Text);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Equality as <see cref="Equals(PrereleaseIdentifier)"/>.</summary>
    public static bool operator ==(PrereleaseIdentifier left, PrereleaseIdentifier right) => left.Equals(right);

    /// <summary>Inequality as <see cref="Equals(PrereleaseIdentifier)"/>.</summary>
    public static bool operator !=(PrereleaseIdentifier left, PrereleaseIdentifier right) => !left.Equals(right);
}
