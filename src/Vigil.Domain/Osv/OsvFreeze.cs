using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>Copies caller-supplied collections so that the records stay immutable.</summary>
internal static class OsvFreeze
{
    /// <summary>An immutable copy of <paramref name="items"/> (null stays null); null items are refused.</summary>
    public static IReadOnlyList<T>? List<T>(IReadOnlyList<T>? items)
    {
        if (items is null or ImmutableArray<T>)
        {
            return items;
        }

        var copy = ImmutableArray.CreateRange(items);
        foreach (var item in copy)
        {
            if (item is null)
            {
                throw new ArgumentException("OSV lists cannot contain null items.", nameof(items));
            }
        }

        return copy;
    }

    /// <summary>
    /// An immutable copy of <paramref name="properties"/> that keeps their order. No properties is null, whether
    /// given as null or empty, because both write the same JSON.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonElement>? Properties(IReadOnlyDictionary<string, JsonElement>? properties)
    {
        if (properties is null || properties.Count == 0)
        {
            return null;
        }

        if (properties is FrozenProperties)
        {
            return properties;
        }

        var copy = new OrderedDictionary<string, JsonElement>(properties.Count, StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(properties));
            copy.Add(name, Json(value, nameof(properties)));
        }

        return new FrozenProperties(copy);
    }

    /// <summary>A free-form JSON object (<c>database_specific</c>, <c>ecosystem_specific</c>), detached from any document.</summary>
    public static JsonElement? Object(JsonElement? value, string name)
    {
        if (value is { } element && element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"'{name}' must be a JSON object, not {element.ValueKind}.", name);
        }

        return value is null ? null : Json(value.Value, name);
    }

    /// <summary>A JSON value detached from its document, so that disposing the document cannot break the record.</summary>
    public static JsonElement Json(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Undefined
            ? throw new ArgumentException("A JSON value is required, not default(JsonElement).", name)
            : value.Clone();

    private sealed class FrozenProperties(IDictionary<string, JsonElement> properties)
        : ReadOnlyDictionary<string, JsonElement>(properties);
}
