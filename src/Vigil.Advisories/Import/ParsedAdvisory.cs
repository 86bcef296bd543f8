using Vigil.Domain.Osv;

namespace Vigil.Advisories.Import;

/// <summary>An advisory read from a document and converted to OSV, ready to be stored.</summary>
/// <param name="Record">The OSV record.</param>
/// <param name="Source">Its source: <c>osv</c>, <c>nswg-npm</c>, <c>nswg-core</c> or <c>nswg-deps</c> (<see cref="AdvisorySources"/>).</param>
/// <param name="ModifiedByImport">Whether <c>modified</c> is the import's clock (the source has no such time).</param>
/// <param name="Location">The document it came from.</param>
public sealed record ParsedAdvisory(OsvRecord Record, string Source, bool ModifiedByImport, string Location);
