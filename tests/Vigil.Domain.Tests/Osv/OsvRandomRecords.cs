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

    private readonly Random _random = new(seed);

    private OsvRandomJson Json => field ??= new OsvRandomJson(_random, Text);

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
        DatabaseSpecific = Maybe(() => Json.Value(objectOnly: true)),
        ExtensionData = Extension(),
        NullFields = (OsvNullFields)_random.Next(16),
    };

    private OsvAffected Affected() => new()
    {
        Package = Maybe(() => new OsvPackage { Ecosystem = Pick("npm", "Debian:12", Text()), Name = Text(), Purl = Maybe(Text), ExtensionData = Extension() }),
        Severity = List(Severity),
        Ranges = List(Range, max: 3),
        Versions = List(Text),
        EcosystemSpecific = Maybe(() => Json.Value(objectOnly: true)),
        DatabaseSpecific = Maybe(() => Json.Value(objectOnly: true)),
        ExtensionData = Extension(),
        NullFields = (OsvNullFields)(_random.Next(2) * (int)OsvNullFields.Severity),
    };

    private OsvRange Range() => new()
    {
        Type = Enum<OsvRangeType>(),
        Repo = Maybe(Text),
        Events = List(() => new OsvEvent(Enum<OsvEventKind>(), Text()), max: 5) ?? [],
        DatabaseSpecific = Maybe(() => Json.Value(objectOnly: true)),
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
            properties.TryAdd("x_" + Text(), Json.Value(objectOnly: false));
        }

        return properties;
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
