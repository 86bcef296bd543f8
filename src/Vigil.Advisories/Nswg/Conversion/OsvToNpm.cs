using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>The npm record an OSV record came from (the way back of <see cref="NpmToOsv"/>).</summary>
internal static class OsvToNpm
{
    public static NswgNpmRecord Rebuild(OsvRecord osv, StoredFields s, long fileNumber)
    {
        var record = new NswgNpmRecord
        {
            Id = s.Has("id") ? s.Number("id") : s.IsAbsent("id") ? null : NswgNumber.FromInt64(fileNumber),
            CreatedAt = s.String("created_at"),
            UpdatedAt = s.Has("updated_at") ? s.String("updated_at") : OsvFields.DateOf(osv.Modified),
            Title = osv.Summary,
            Author = Author(osv, s),
            ModuleName = osv.Affected?.FirstOrDefault(a => a.Package?.Ecosystem == NpmToOsv.Ecosystem)?.Package?.Name,
            PublishDate = s.Has("publish_date") ? s.String("publish_date") : OsvFields.DateOf(osv.Published),
            Cves = s.Has("cves") ? s.Strings("cves") : OsvFields.Cves(osv.Aliases),
            VulnerableVersions = s.StringField("vulnerable_versions"),
            PatchedVersions = s.StringField("patched_versions"),
            Overview = osv.Details,
            Recommendation = s.StringField("recommendation"),
            References = s.Has("references") ? s.StringsField("references") : References(osv.References),
            CvssVector = s.Has("cvss_vector") ? s.StringField("cvss_vector") : Vector(osv.Severity),
            CvssScore = s.NumberField("cvss_score"),
            CoordinatingVendor = s.StringField("coordinating_vendor"),
            Extra = s.Extra(),
        };
        return record with { KeyOrder = RecordContent.UsualKeyOrder(record) };
    }

    /// <summary><c>references</c> from the OSV references: absent when there are none.</summary>
    public static NswgField<NswgList<string>> References(IReadOnlyList<OsvReference>? references) =>
        OsvFields.Urls(references) is { } urls ? NswgField.Of(urls) : default;

    /// <summary><c>cvss_vector</c> from the OSV severity: absent when there is none.</summary>
    public static NswgField<string> Vector(IReadOnlyList<OsvSeverity>? severity) =>
        OsvFields.Vector(severity) is { } vector ? NswgField.Of(vector) : default;

    /// <summary>The author: its name from the first FINDER credit, the rest as kept.</summary>
    private static NswgNpmAuthor? Author(OsvRecord osv, StoredFields s)
    {
        var members = s.Members("author");
        if (members is null)
        {
            return null;
        }

        var author = new NswgNpmAuthor { Name = OsvFields.CreditName(osv.Credits, OsvCreditType.Finder) };
        var extra = new List<KeyValuePair<string, JsonElement>>();
        foreach (var (key, value) in members)
        {
            author = key switch
            {
                "name" => author with { Name = Text(value, "author.name") },
                "website" => author with { Website = Field(value, "author.website") },
                "username" => author with { Username = Field(value, "author.username") },
                _ => Keep(author, extra, key, value),
            };
        }

        var order = NswgKeyOrder.NpmAuthor
            .Where(key => key switch { "name" => author.Name is not null, "website" => author.Website.IsPresent, _ => author.Username.IsPresent })
            .Concat(extra.Select(e => e.Key));
        return author with { KeyOrder = NswgList.From(order), Extra = StoredFields.ExtraFields("author", extra, NswgKeyOrder.NpmAuthor) };
    }

    private static string Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw StoredFields.Wrong(name, "a string");

    private static NswgField<string> Field(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Null ? NswgField.Null<string>() : NswgField.Of(Text(value, name));

    private static NswgNpmAuthor Keep(NswgNpmAuthor author, List<KeyValuePair<string, JsonElement>> extra, string key, JsonElement value)
    {
        extra.Add(new KeyValuePair<string, JsonElement>(key, value));
        return author;
    }
}
