using Vigil.Domain.Osv.Serialization;

namespace Vigil.Domain.Osv;

/// <summary>
/// A value of one of the schema's closed vocabularies as it appears in a record: the known
/// <see cref="Value"/>, or <c>Unknown</c> together with the original <see cref="Text"/>, so that a value
/// this version of the schema does not define is neither rejected nor lost.
/// </summary>
/// <remarks>
/// A known value converts implicitly from its enumeration (<c>Type = OsvRangeType.Semver</c>).
/// To test for an unrecognised value use <see cref="IsKnown"/>: comparing with the <c>Unknown</c> member
/// compares the text too. The default value has no text and cannot be written.
/// </remarks>
/// <typeparam name="TEnum">One of the OSV enumerations.</typeparam>
public readonly record struct OsvEnumValue<TEnum>
    where TEnum : struct, Enum
{
    internal OsvEnumValue(TEnum value, string? text)
    {
        Value = value;
        Text = text;
    }

    /// <summary>The known value, or <c>Unknown</c> (the enumeration's zero) when the text is not a schema spelling.</summary>
    public TEnum Value { get; }

    /// <summary>The value exactly as spelled in JSON; null only for a default-constructed value.</summary>
    public string? Text { get; }

    /// <summary>Whether <see cref="Text"/> is one of the schema's spellings.</summary>
    public bool IsKnown => !EqualityComparer<TEnum>.Default.Equals(Value, default);

    /// <summary>Converts a known value; <c>Unknown</c> gives the default value, which has no text.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator OsvEnumValue<TEnum>(TEnum value) => OsvEnumValue.Of(value);

    /// <summary>The text, or the enumeration member name when there is no text.</summary>
    /// <returns>A display string.</returns>
    public override string ToString() => Text ?? Value.ToString();
}

/// <summary>Creates <see cref="OsvEnumValue{TEnum}"/> values.</summary>
public static class OsvEnumValue
{
    /// <summary>A known value with its schema spelling; <c>Unknown</c> gives the default value, which has no text.</summary>
    /// <typeparam name="TEnum">One of the OSV enumerations.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The value with its text.</returns>
    public static OsvEnumValue<TEnum> Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = OsvSpelling.ToText(value);
        return text is null ? default : new OsvEnumValue<TEnum>(value, text);
    }

    /// <summary>The value spelled <paramref name="text"/> (ordinal match), or <c>Unknown</c> carrying the text.</summary>
    /// <typeparam name="TEnum">One of the OSV enumerations.</typeparam>
    /// <param name="text">The text as found in JSON.</param>
    /// <returns>The value, never losing the text.</returns>
    public static OsvEnumValue<TEnum> FromText<TEnum>(string text)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        return new OsvEnumValue<TEnum>(OsvSpelling.FromText<TEnum>(text), text);
    }
}
