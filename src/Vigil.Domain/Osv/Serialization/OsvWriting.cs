using System.Collections.Frozen;
using System.Text.Json;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>Writer primitives: optional values are skipped when null, lists keep <c>[]</c>, free-form JSON is copied verbatim.</summary>
internal static class OsvWriting
{
    public static void String(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void Strings(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values, bool writeNull = false)
    {
        if (values is null)
        {
            if (writeNull)
            {
                writer.WriteNull(name);
            }

            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static void Objects<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T>? values, Action<Utf8JsonWriter, T> write, bool writeNull = false)
    {
        if (values is null)
        {
            if (writeNull)
            {
                writer.WriteNull(name);
            }

            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            write(writer, value);
        }

        writer.WriteEndArray();
    }

    public static void Json(Utf8JsonWriter writer, string name, JsonElement? value)
    {
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }

    public static void Enum<TEnum>(Utf8JsonWriter writer, string name, OsvEnumValue<TEnum> value)
        where TEnum : struct, System.Enum =>
        writer.WriteString(name, value.Text ?? throw new ArgumentException(
            $"'{name}' holds default(OsvEnumValue<{typeof(TEnum).Name}>), which has no text to write."));

    /// <summary>Writes the extension properties after the modeled ones; a name the schema defines here is refused.</summary>
    public static void Extension(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? properties, FrozenSet<string> known)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            if (known.Contains(name))
            {
                throw new ArgumentException(
                    $"Extension property '{name}' has the name of a schema property; set the modeled property instead.");
            }

            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
