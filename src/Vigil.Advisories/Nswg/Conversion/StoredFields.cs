using System.Text.Json;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// Reads the WG fields kept in an OSV record's <c>database_specific.nswg</c> object (see
/// <see cref="StoredFieldsWriter"/>). A value of the wrong JSON type is a <see cref="StoredFieldException"/>.
/// </summary>
internal sealed class StoredFields
{
    public const string NswgKey = "nswg";
    public const string KindKey = "kind";
    public const string AbsentKey = "absent";
    public const string ExtraKey = "extra";

    private readonly JsonElement _object;

    private StoredFields(JsonElement nswg, NswgKind kind)
    {
        _object = nswg;
        Kind = kind;
    }

    public NswgKind Kind { get; }

    public static string KindName(NswgKind kind) => kind switch
    {
        NswgKind.Npm => "npm",
        NswgKind.Core => "core",
        _ => "deps",
    };

    /// <summary>The WG fields of <paramref name="databaseSpecific"/>, or null when it has no <c>nswg</c> object with a known kind.</summary>
    public static StoredFields? Find(JsonElement? databaseSpecific)
    {
        if (databaseSpecific is not { ValueKind: JsonValueKind.Object } outer
            || !outer.TryGetProperty(NswgKey, out var nswg) || nswg.ValueKind != JsonValueKind.Object
            || !nswg.TryGetProperty(KindKey, out var kind) || kind.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        NswgKind? known = kind.GetString() switch
        {
            "npm" => NswgKind.Npm,
            "core" => NswgKind.Core,
            "deps" => NswgKind.Deps,
            _ => null,
        };
        return known is { } k ? new StoredFields(nswg, k) : null;
    }

    /// <summary>Whether the field is kept (with a value or null).</summary>
    public bool Has(string name) => _object.TryGetProperty(name, out _);

    /// <summary>Whether the WG record did not have the field.</summary>
    public bool IsAbsent(string name) => Strings(AbsentKey)?.Contains(name) ?? false;

    public string? String(string name) => TryGet(name, out var value) ? StringValue(value, name) : null;

    public NswgField<string> StringField(string name) =>
        !TryGet(name, out var value) ? default
        : value.ValueKind == JsonValueKind.Null ? NswgField.Null<string>()
        : NswgField.Of(StringValue(value, name));

    public NswgNumber? Number(string name) => TryGet(name, out var value) ? NumberValue(value, name) : null;

    public NswgField<NswgNumber> NumberField(string name) =>
        !TryGet(name, out var value) ? default
        : value.ValueKind == JsonValueKind.Null ? NswgField.Null<NswgNumber>()
        : NswgField.Of(NumberValue(value, name));

    public NswgList<string>? Strings(string name) => TryGet(name, out var value) ? StringsValue(value, name) : null;

    public NswgField<NswgList<string>> StringsField(string name) =>
        !TryGet(name, out var value) ? default
        : value.ValueKind == JsonValueKind.Null ? NswgField.Null<NswgList<string>>()
        : NswgField.Of(StringsValue(value, name));

    /// <summary>The members of an object field, in order; null when the field is not kept.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>>? Members(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? [.. value.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value))]
            : throw Wrong(name, "an object");
    }

    /// <summary>The keys the WG format does not define: no key twice, none named like a field of the kind.</summary>
    public NswgExtraFields Extra() => ExtraFields(ExtraKey, Members(ExtraKey), NswgKeyOrder.For(Kind));

    /// <summary>Extra members as <see cref="NswgExtraFields"/>, refusing duplicates and the names of typed fields.</summary>
    public static NswgExtraFields ExtraFields(string field, IReadOnlyList<KeyValuePair<string, JsonElement>>? members, IReadOnlyList<string> fieldNames)
    {
        if (members is null)
        {
            return NswgExtraFields.Empty;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in members)
        {
            if (!names.Add(name) || fieldNames.Contains(name))
            {
                throw new StoredFieldException($"database_specific.{NswgKey}.{field}.{name}", "must be a key the WG format does not define, and only once");
            }
        }

        return NswgExtraFields.Create(members);
    }

    internal static StoredFieldException Wrong(string name, string expected) =>
        new($"database_specific.{NswgKey}.{name}", $"must be {expected}");

    private bool TryGet(string name, out JsonElement value) => _object.TryGetProperty(name, out value);

    private static string StringValue(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(name, "a string");

    private static NswgNumber NumberValue(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && NswgNumber.TryParse(value.GetRawText(), out var number)
            ? number
            : throw Wrong(name, "a number");

    private static NswgList<string> StringsValue(JsonElement value, string name) =>
        NswgList.From(Items(value, name).Select(item => StringValue(item, name)));

    private static JsonElement.ArrayEnumerator Items(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Wrong(name, "an array");
}
