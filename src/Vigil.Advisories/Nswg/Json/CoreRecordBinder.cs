using System.Text.Json;
using R = Vigil.Advisories.Nswg.Json.JsonValueReader;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>Reads a core record (<c>core/N.json</c>) member by member, in file order.</summary>
internal static class CoreRecordBinder
{
    public static NswgCoreRecord Bind(ref Utf8JsonReader reader, NswgFormat format)
    {
        R.StartRecord(ref reader, NswgKind.Core);
        var record = new NswgCoreRecord { Format = format };
        var order = new List<string>();
        var extra = new List<KeyValuePair<string, JsonElement>>();
        while (R.NextMember(ref reader, out var name, out var at))
        {
            order.Add(name);
            record = name switch
            {
                "cve" => record with { Cve = R.StringArray(ref reader, name, at) },
                "vulnerable" => record with { Vulnerable = R.String(ref reader, name, at) },
                "patched" => record with { Patched = R.String(ref reader, name, at) },
                "ref" => record with { Ref = R.String(ref reader, name, at) },
                "description" => record with { Description = R.String(ref reader, name, at) },
                "overview" => record with { Overview = R.String(ref reader, name, at) },
                "author" => record with { Author = R.String(ref reader, name, at) },
                "reported_by" => record with { ReportedBy = R.String(ref reader, name, at) },
                "publish_date" => record with { PublishDate = R.String(ref reader, name, at) },
                "type" => record with { Type = R.String(ref reader, name, at) },
                "cvss" => record with { Cvss = R.String(ref reader, name, at) },
                "cvss_score" => record with { CvssScore = R.Number(ref reader, name, at) },
                "affectedEnvironments" => record with { AffectedEnvironments = R.StringArray(ref reader, name, at) },
                "severity" => record with { Severity = R.String(ref reader, name, at) },
                _ => Keep(record, extra, name, R.Element(ref reader)),
            };
        }

        return record with { KeyOrder = NswgList.From(order), Extra = NswgExtraFields.Create(extra) };
    }

    private static NswgCoreRecord Keep(NswgCoreRecord record, List<KeyValuePair<string, JsonElement>> extra, string name, JsonElement element)
    {
        extra.Add(new KeyValuePair<string, JsonElement>(name, element));
        return record;
    }
}
