using System.Diagnostics.CodeAnalysis;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>An npm record (<c>npm/N.json</c>) as an OSV record; <see cref="OsvToNpm"/> is the way back.</summary>
internal static class NpmToOsv
{
    public const string Ecosystem = "npm";

    public static NswgToOsvResult Convert(NswgNpmRecord r, long fileNumber)
    {
        var messages = new ConversionMessages(NswgKind.Npm, fileNumber);
        if (string.IsNullOrEmpty(r.ModuleName))
        {
            return messages.Fail("module_name", $"is {(r.ModuleName is null ? "missing" : "empty")}: it names the affected npm package");
        }

        var modified = OsvFields.Midnight(r.UpdatedAt);
        if (modified is null)
        {
            return messages.Fail("updated_at", (r.UpdatedAt is null ? "is missing" : $"{Rules.SchemaChecks.Show(r.UpdatedAt)} is not a real date written YYYY-MM-DD")
                + ": it gives the OSV record's modified time");
        }

        using var stored = new StoredFieldsWriter(NswgKind.Npm);
        if (r.Id is null)
        {
            stored.Absent("id");
        }
        else if (!r.Id.Equals(NswgNumber.FromInt64(fileNumber)))
        {
            stored.Number("id", r.Id);
        }

        stored.String("created_at", r.CreatedAt);
        if (OsvFields.DateOf(modified) != r.UpdatedAt)
        {
            stored.String("updated_at", r.UpdatedAt);
        }

        var credit = r.Author?.Name is { Length: > 0 } name ? OsvFields.Credit(name, OsvCreditType.Finder, r.Author.Website.Value) : null;
        stored.Author("author", r.Author, withName: credit is null);
        var published = CommonFields.Published(r.PublishDate, stored, messages);
        var aliases = CommonFields.Aliases("cves", r.Cves, stored, messages);
        stored.String("vulnerable_versions", r.VulnerableVersions);
        stored.String("patched_versions", r.PatchedVersions);
        stored.String("recommendation", r.Recommendation);

        var references = r.References.HasValue ? OsvFields.References(r.References.Value) : null;
        if (!OsvToNpm.References(references).Equals(r.References))
        {
            stored.Strings("references", r.References);
        }

        var severity = CommonFields.Severity("cvss_vector", r.CvssVector.Value, messages);
        if (!OsvToNpm.Vector(severity).Equals(r.CvssVector))
        {
            stored.String("cvss_vector", r.CvssVector);
        }

        stored.Number("cvss_score", r.CvssScore);
        stored.String("coordinating_vendor", r.CoordinatingVendor);
        stored.Extra(r.Extra);

        var affected = new OsvAffected
        {
            Package = new OsvPackage { Ecosystem = Ecosystem, Name = r.ModuleName, Purl = Purl(r.ModuleName) },
            Ranges = AffectedRanges.Npm(r.VulnerableVersions, messages.Warn),
        };
        var osv = new OsvRecord
        {
            SchemaVersion = NswgToOsv.SchemaVersion,
            Id = NswgOsvIds.Format(NswgKind.Npm, fileNumber),
            Modified = modified,
            Published = published,
            Aliases = aliases,
            Summary = r.Title,
            Details = r.Overview,
            Severity = severity,
            Affected = [affected],
            References = references,
            Credits = credit is null ? null : [credit],
            DatabaseSpecific = stored.Finish(),
        };
        return messages.Done(r, osv);
    }

    /// <summary>The package URL: <c>pkg:npm/%40scope/name</c>, lowercased as the purl spec asks for npm.</summary>
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "The purl spec asks for lowercase npm names.")]
    internal static string Purl(string moduleName)
    {
        var slash = moduleName.StartsWith('@') ? moduleName.IndexOf('/', StringComparison.Ordinal) : -1;
        var parts = slash > 0 ? [moduleName[..slash], moduleName[(slash + 1)..]] : new[] { moduleName };
        return "pkg:npm/" + string.Join('/', parts.Select(p => Uri.EscapeDataString(p.ToLowerInvariant())));
    }
}
