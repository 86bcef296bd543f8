using Vigil.Domain.Osv;

namespace Vigil.Data.Advisories;

/// <summary>An advisory as stored: the record and where it came from.</summary>
/// <param name="Record">The OSV record.</param>
/// <param name="Source">Where it came from.</param>
public sealed record StoredAdvisory(OsvRecord Record, string Source);

/// <summary>A line of a search result.</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Aliases">Its aliases.</param>
/// <param name="Summary">Its summary or, when it has none, the first line of its details.</param>
/// <param name="Packages">The packages it names, as <c>ecosystem/name</c>.</param>
/// <param name="Withdrawn">Whether it was withdrawn.</param>
public sealed record AdvisoryListing(string Id, IReadOnlyList<string> Aliases, string? Summary, IReadOnlyList<string> Packages, bool Withdrawn);

/// <summary>Counts that describe the database.</summary>
/// <param name="Location">Where the database is.</param>
/// <param name="Advisories">How many advisories it holds.</param>
/// <param name="Withdrawn">How many of them are withdrawn.</param>
/// <param name="BySource">Advisories per source.</param>
/// <param name="ByEcosystem">Distinct packages and advisories per ecosystem.</param>
/// <param name="Aliases">How many distinct aliases (such as CVE ids) they carry.</param>
/// <param name="NewestModified">The latest <c>modified</c> time, as written in the record.</param>
public sealed record DatabaseStatistics(
    string Location,
    long Advisories,
    long Withdrawn,
    IReadOnlyList<(string Source, long Advisories)> BySource,
    IReadOnlyList<(string Ecosystem, long Packages, long Advisories)> ByEcosystem,
    long Aliases,
    string? NewestModified);
