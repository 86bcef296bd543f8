namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// What a WG record says, apart from its layout: each key's value (absent, null or a value, number text and item
/// order included) and its extra keys in order. Key order and file layout (<see cref="NswgRecord.KeyOrder"/>,
/// <see cref="NswgRecord.Format"/>) are not content: OSV does not keep them.
/// </summary>
internal static class RecordContent
{
    /// <summary>The first key whose content differs, in the usual key order; null when the records say the same.</summary>
    public static string? FirstDifference(NswgRecord a, NswgRecord b)
    {
        if (a.Kind != b.Kind)
        {
            return "(kind)";
        }

        var members = Members(b).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        foreach (var (key, value) in Members(a))
        {
            if (!Equals(value, members[key]))
            {
                return key;
            }
        }

        return a.Extra.Equals(b.Extra) ? null : FirstExtraDifference(a.Extra, b.Extra);
    }

    /// <summary>The record's keys in the WG's usual order for its kind, then its extra keys in their order.</summary>
    public static NswgList<string> UsualKeyOrder(NswgRecord record)
    {
        var present = Members(record).Where(m => m.Value is not null).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        return NswgList.From(NswgKeyOrder.For(record.Kind).Where(present.Contains).Concat(record.Extra.Select(e => e.Key)));
    }

    /// <summary>Every typed key of the kind with its value; null when absent, the boxed field when present.</summary>
    private static IEnumerable<(string Key, object? Value)> Members(NswgRecord record) => record switch
    {
        NswgNpmRecord r =>
        [
            ("id", r.Id), ("created_at", r.CreatedAt), ("updated_at", r.UpdatedAt), ("title", r.Title),
            ("author", Author(r.Author)), ("module_name", r.ModuleName), ("publish_date", r.PublishDate), ("cves", r.Cves),
            ("vulnerable_versions", Field(r.VulnerableVersions)), ("patched_versions", Field(r.PatchedVersions)),
            ("overview", r.Overview), ("recommendation", Field(r.Recommendation)), ("references", Field(r.References)),
            ("cvss_vector", Field(r.CvssVector)), ("cvss_score", Field(r.CvssScore)), ("coordinating_vendor", Field(r.CoordinatingVendor)),
        ],
        NswgCoreRecord r =>
        [
            ("cve", r.Cve), ("vulnerable", r.Vulnerable), ("patched", r.Patched), ("ref", r.Ref), ("description", r.Description),
            ("overview", r.Overview), ("author", r.Author), ("reported_by", r.ReportedBy), ("publish_date", r.PublishDate),
            ("type", r.Type), ("cvss", r.Cvss), ("cvss_score", r.CvssScore), ("affectedEnvironments", r.AffectedEnvironments),
            ("severity", r.Severity),
        ],
        NswgDepsRecord r =>
            [("cve", r.Cve), ("description", r.Description), ("overview", r.Overview), ("ref", r.Ref), ("reason", r.Reason)],
        _ => throw new ArgumentException("Unknown record type.", nameof(record)),
    };

    private static NswgField<T>? Field<T>(NswgField<T> field) => field.IsPresent ? field : null;

    /// <summary>The author without its key order, which is layout.</summary>
    private static NswgNpmAuthor? Author(NswgNpmAuthor? author) => author is null ? null : author with { KeyOrder = NswgList.Empty<string>() };

    private static string FirstExtraDifference(NswgExtraFields a, NswgExtraFields b)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i >= a.Count || i >= b.Count || !string.Equals(a[i].Key, b[i].Key, StringComparison.Ordinal)
                || !NswgExtraFields.Create([a[i]]).Equals(NswgExtraFields.Create([b[i]])))
            {
                return i < a.Count ? a[i].Key : b[i].Key;
            }
        }

        return "(extra keys)";
    }
}
