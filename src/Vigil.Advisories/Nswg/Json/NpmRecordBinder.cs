using System.Text.Json;
using R = Vigil.Advisories.Nswg.Json.JsonValueReader;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>Reads an npm record (<c>npm/N.json</c>) member by member, in file order.</summary>
internal static class NpmRecordBinder
{
    public static NswgNpmRecord Bind(ref Utf8JsonReader reader, NswgFormat format)
    {
        R.StartRecord(ref reader, NswgKind.Npm);
        var record = new NswgNpmRecord { Format = format };
        var order = new List<string>();
        var extra = new List<KeyValuePair<string, JsonElement>>();
        while (R.NextMember(ref reader, out var name, out var at))
        {
            order.Add(name);
            record = name switch
            {
                "id" => record with { Id = R.Number(ref reader, name, at) },
                "created_at" => record with { CreatedAt = R.String(ref reader, name, at) },
                "updated_at" => record with { UpdatedAt = R.String(ref reader, name, at) },
                "title" => record with { Title = R.String(ref reader, name, at) },
                "author" => record with { Author = BindAuthor(ref reader, at) },
                "module_name" => record with { ModuleName = R.String(ref reader, name, at) },
                "publish_date" => record with { PublishDate = R.String(ref reader, name, at) },
                "cves" => record with { Cves = R.StringArray(ref reader, name, at) },
                "vulnerable_versions" => record with { VulnerableVersions = R.StringOrNull(ref reader, name, at) },
                "patched_versions" => record with { PatchedVersions = R.StringOrNull(ref reader, name, at) },
                "overview" => record with { Overview = R.String(ref reader, name, at) },
                "recommendation" => record with { Recommendation = R.StringOrNull(ref reader, name, at) },
                "references" => record with { References = R.StringArrayOrNull(ref reader, name, at) },
                "cvss_vector" => record with { CvssVector = R.StringOrNull(ref reader, name, at) },
                "cvss_score" => record with { CvssScore = R.NumberOrNull(ref reader, name, at) },
                "coordinating_vendor" => record with { CoordinatingVendor = R.StringOrNull(ref reader, name, at) },
                _ => Keep(record, extra, name, R.Element(ref reader)),
            };
        }

        return record with { KeyOrder = NswgList.From(order), Extra = NswgExtraFields.Create(extra) };
    }

    private static NswgNpmAuthor BindAuthor(ref Utf8JsonReader reader, long at)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw R.TypeError(at, "author", "an object", reader.TokenType);
        }

        var author = new NswgNpmAuthor();
        var order = new List<string>();
        var extra = new List<KeyValuePair<string, JsonElement>>();
        while (R.NextMember(ref reader, out var name, out var nameAt))
        {
            order.Add(name);
            var label = "author." + name;
            author = name switch
            {
                "name" => author with { Name = R.String(ref reader, label, nameAt) },
                "username" => author with { Username = R.StringOrNull(ref reader, label, nameAt) },
                "website" => author with { Website = R.StringOrNull(ref reader, label, nameAt) },
                _ => Keep(author, extra, name, R.Element(ref reader)),
            };
        }

        return author with { KeyOrder = NswgList.From(order), Extra = NswgExtraFields.Create(extra) };
    }

    private static T Keep<T>(T value, List<KeyValuePair<string, JsonElement>> extra, string name, JsonElement element)
    {
        extra.Add(new KeyValuePair<string, JsonElement>(name, element));
        return value;
    }
}
