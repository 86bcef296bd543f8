namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// The WG's usual key order for each kind: the order that the largest number of the WG's files follow
/// (every file whose keys appear in this order, some possibly missing). <see cref="OsvToNswg"/> gives rebuilt
/// records this order, as OSV does not keep the original one.
/// </summary>
public static class NswgKeyOrder
{
    /// <summary>npm records: the order of 341 of the 467 files of the WG's snapshot of 2026-04-08.</summary>
    public static IReadOnlyList<string> Npm { get; } =
    [
        "id", "created_at", "updated_at", "title", "author", "module_name", "publish_date", "cves",
        "vulnerable_versions", "patched_versions", "overview", "recommendation", "references", "cvss_vector",
        "cvss_score", "coordinating_vendor",
    ];

    /// <summary>The npm <c>author</c> object: the order of every file of the snapshot.</summary>
    public static IReadOnlyList<string> NpmAuthor { get; } = ["name", "website", "username"];

    /// <summary>
    /// Core records: followed by 152 of the 171 files of the snapshot, which use a dozen different orders
    /// (most have only some of these keys); no other order is followed by more.
    /// </summary>
    public static IReadOnlyList<string> Core { get; } =
    [
        "cve", "vulnerable", "patched", "publish_date", "author", "reported_by", "cvss", "cvss_score", "ref",
        "description", "type", "overview", "affectedEnvironments", "severity",
    ];

    /// <summary>Deps records: the order of every file of the snapshot.</summary>
    public static IReadOnlyList<string> Deps { get; } = ["cve", "description", "overview", "ref", "reason"];

    /// <summary>The usual order of a kind's keys.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static IReadOnlyList<string> For(NswgKind kind) => kind switch
    {
        NswgKind.Npm => Npm,
        NswgKind.Core => Core,
        NswgKind.Deps => Deps,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a WG record kind."),
    };
}
