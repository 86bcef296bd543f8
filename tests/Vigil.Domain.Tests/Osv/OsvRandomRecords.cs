using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>
/// Generates arbitrary records from a seeded <see cref="Random"/>: every field absent, empty or filled; awkward
/// text; unknown enumeration values; explicit nulls; free-form JSON with numbers in many spellings.
/// </summary>
internal sealed class OsvRandomRecords(int seed)
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "-", "_", ".", "/", ":", "@", "\"", "\\", "'", "<", ">", "&", "\t", "\n", "\r", "\u0001",
        "\u007f", "é", "ß", "☃", "中", "😀", "\u2028", "\u00a0", "GHSA-", "CVE-2024-", "pkg:npm/%40scope/name",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "1.0", "-1.50", "0.10", "1e3", "1E+3", "2.5e-7", "123456789012345678901234567890",
        "1.7976931348623157e309", "5e-324", "0.30000000000000004", "9007199254740993",
    ];

    private readonly Random _random = new(seed);

    public OsvRecord Record() => new()
    {
        SchemaVersion = Maybe(() => Pick("1.7.0", "1.7.5", "1.4.0", Text())),
        Id = Text(),
        Modified = Timestamp(),
        Published = Maybe(Timestamp),
        Withdrawn = Maybe(Timestamp),
        Aliases = List(Text),
        Related = List(Text),
        Upstream = List(Text),
        Summary = Maybe(Text),
        Details = Maybe(Text),
        Severity = List(Severity),
        Affected = List(Affected, max: 3),
        References = List(Reference),
        Credits = List(Credit),
        DatabaseSpecific = Maybe(() => Json(depth: 0, objectOnly: true)),
        ExtensionData = Extension(),
        NullFields = (OsvNullFields)_random.Next(16),
    };

    private OsvAffected Affected() => new()
    {
        Package = Maybe(() => new OsvPackage { Ecosystem = Pick("npm", "Debian:12", Text()), Name = Text(), Purl = Maybe(Text), ExtensionData = Extension() }),
        Severity = List(Severity),
        Ranges = List(Range, max: 3),
        Versions = List(Text),
        EcosystemSpecific = Maybe(() => Json(depth: 0, objectOnly: true)),
        DatabaseSpecific = Maybe(() => Json(depth: 0, objectOnly: true)),
        ExtensionData = Extension(),
        NullFields = (OsvNullFields)(_random.Next(2) * (int)OsvNullFields.Severity),
    };

    private OsvRange Range() => new()
    {
        Type = Enum<OsvRangeType>(),
        Repo = Maybe(Text),
        Events = List(() => new OsvEvent(Enum<OsvEventKind>(), Text()), max: 5) ?? [],
        DatabaseSpecific = Maybe(() => Json(depth: 0, objectOnly: true)),
        ExtensionData = Extension(),
    };

    private OsvSeverity Severity() => new() { Type = Enum<OsvSeverityType>(), Score = Text(), ExtensionData = Extension() };

    private OsvReference Reference() => new() { Type = Enum<OsvReferenceType>(), Url = Text(), ExtensionData = Extension() };

    private OsvCredit Credit() => new()
    {
        Name = Text(),
        Contact = List(Text),
        Type = _random.Next(3) == 0 ? null : Enum<OsvCreditType>(),
        ExtensionData = Extension(),
    };

    /// <summary>Mostly a known value; sometimes text the schema does not define (possibly a near miss).</summary>
    private OsvEnumValue<TEnum> Enum<TEnum>()
        where TEnum : struct, Enum
    {
        var known = System.Enum.GetValues<TEnum>()[1..];
        var value = known[_random.Next(known.Length)];
        return _random.Next(5) switch
        {
            0 => OsvEnumValue.FromText<TEnum>(Text()),
            1 => OsvEnumValue.FromText<TEnum>(OsvEnumValue.Of(value).Text!.ToLowerInvariant()),
            _ => value,
        };
    }

    private OsvTimestamp Timestamp()
    {
        if (_random.Next(4) == 0)
        {
            return new OsvTimestamp(Text());
        }

        var instant = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((long)(_random.NextDouble() * 9e17));
        return OsvTimestamp.FromDateTimeOffset(instant);
    }

    private Dictionary<string, JsonElement>? Extension()
    {
        if (_random.Next(3) != 0)
        {
            return null;
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = _random.Next(4); i > 0; i--)
        {
            properties.TryAdd("x_" + Text(), Json(depth: 0, objectOnly: false));
        }

        return properties;
    }

    /// <summary>A JSON value with unique names per object, parsed so that its number text is kept.</summary>
    private JsonElement Json(int depth, bool objectOnly)
    {
        var text = new StringBuilder();
        WriteJson(text, depth, objectOnly);
        using var document = JsonDocument.Parse(text.ToString());
        return document.RootElement.Clone();
    }

    private void WriteJson(StringBuilder text, int depth, bool objectOnly)
    {
        var kind = objectOnly ? 0 : _random.Next(depth >= 4 ? 2 : 7) + (depth >= 4 ? 2 : 0);
        switch (kind)
        {
            case 0:
                text.Append('{');
                var names = new HashSet<string>(StringComparer.Ordinal);
                for (var i = _random.Next(5); i > 0; i--)
                {
                    var name = Text();
                    if (names.Add(name))
                    {
                        text.Append(names.Count > 1 ? "," : "").Append(JsonSerializer.Serialize(name, OsvTestJsonContext.Default.String)).Append(':');
                        WriteJson(text, depth + 1, objectOnly: false);
                    }
                }

                text.Append('}');
                break;
            case 1:
                text.Append('[');
                for (var i = _random.Next(5); i > 0; i--)
                {
                    WriteJson(text, depth + 1, objectOnly: false);
                    text.Append(i > 1 ? "," : "");
                }

                text.Append(']');
                break;
            case 2:
            case 3:
                text.Append(Numbers[_random.Next(Numbers.Length)]);
                break;
            case 4:
                text.Append(Pick("true", "false", "null"));
                break;
            default:
                var escaped = _random.Next(2) == 0 ? "\"\\u00e9\\/\\ud83d\\ude00\"" : JsonSerializer.Serialize(Text(), OsvTestJsonContext.Default.String);
                text.Append(escaped);
                break;
        }
    }

    private string Text()
    {
        var text = new StringBuilder();
        for (var i = _random.Next(8); i > 0; i--)
        {
            text.Append(Pieces[_random.Next(Pieces.Length)]);
        }

        return _random.Next(10) == 0 ? text.ToString(0, 0) : text.Append(_random.Next(1000).ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private List<T>? List<T>(Func<T> item, int max = 4)
    {
        switch (_random.Next(3))
        {
            case 0:
                return null;
            case 1:
                return [];
            default:
                var items = new List<T>();
                for (var i = _random.Next(1, max + 1); i > 0; i--)
                {
                    items.Add(item());
                }

                return items;
        }
    }

    private T? Maybe<T>(Func<T> value)
        where T : class => _random.Next(3) == 0 ? null : value();

    private JsonElement? Maybe(Func<JsonElement> value) => _random.Next(3) == 0 ? null : value();

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];
}
