using System.Text.Json;
using R = Vigil.Advisories.Nswg.Json.JsonValueReader;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>Reads a deps record (<c>deps/N.json</c>) member by member, in file order.</summary>
internal static class DepsRecordBinder
{
    public static NswgDepsRecord Bind(ref Utf8JsonReader reader, NswgFormat format)
    {
        R.StartRecord(ref reader, NswgKind.Deps);
        var record = new NswgDepsRecord { Format = format };
        var order = new List<string>();
        var extra = new List<KeyValuePair<string, JsonElement>>();
        while (R.NextMember(ref reader, out var name, out var at))
        {
            order.Add(name);
            record = name switch
            {
                "cve" => record with { Cve = R.StringArray(ref reader, name, at) },
                "description" => record with { Description = R.String(ref reader, name, at) },
                "overview" => record with { Overview = R.String(ref reader, name, at) },
                "ref" => record with { Ref = R.String(ref reader, name, at) },
                "reason" => record with { Reason = R.String(ref reader, name, at) },
                _ => Keep(record, extra, name, R.Element(ref reader)),
            };
        }

        return record with { KeyOrder = NswgList.From(order), Extra = NswgExtraFields.Create(extra) };
    }

    private static NswgDepsRecord Keep(NswgDepsRecord record, List<KeyValuePair<string, JsonElement>> extra, string name, JsonElement element)
    {
        extra.Add(new KeyValuePair<string, JsonElement>(name, element));
        return record;
    }
}
