using System.Globalization;
using Vigil.Disclosure.Publication;

namespace Vigil.Web.Features.Publication;

/// <summary>
/// Publication's settings: the CVE ids a CNA reserved for the WG (<c>Vigil:CvePool</c>) and the CNA that submits
/// the CVE records (<c>Vigil:Cna:OrgId</c>, <c>Vigil:Cna:ShortName</c>).
/// </summary>
public sealed class PublicationOptions
{
    /// <summary>The source name of the platform's advisories in the advisory database.</summary>
    public const string Source = "vigil-platform";

    /// <summary>The reserved CVE ids, in the order they are handed out.</summary>
    public IReadOnlyList<string> CvePool { get; init; } = [];

    /// <summary>The CNA, or null when not configured (no CVE record can be written then).</summary>
    public CnaIdentity? Cna { get; init; }

    /// <summary>
    /// Reads the settings. <c>Vigil:CvePool</c> is either a list (<c>Vigil:CvePool:0</c>, <c>:1</c>…, a JSON array in
    /// appsettings) or one string of ids separated by commas, semicolons or white space.
    /// </summary>
    /// <exception cref="InvalidOperationException">A pool entry is not a CVE id, or the CNA is half or wrongly configured; the message names the setting.</exception>
    public static PublicationOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Vigil:CvePool");
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            ids.AddRange(section.Value.Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        ids.AddRange(section.GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : int.MaxValue)
            .Select(c => c.Value?.Trim())
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!));
        foreach (string id in ids)
        {
            if (!CveAssignment.IsCveId(id))
            {
                throw new InvalidOperationException($"Vigil:CvePool: '{(id.Length > 40 ? id[..40] + "…" : id)}' is not a CVE id (CVE-YYYY-NNNN).");
            }
        }

        string? orgId = configuration["Vigil:Cna:OrgId"];
        string? shortName = configuration["Vigil:Cna:ShortName"];
        CnaIdentity? cna = null;
        if (!string.IsNullOrWhiteSpace(orgId) || !string.IsNullOrWhiteSpace(shortName))
        {
            if (!Guid.TryParse(orgId, out var org))
            {
                throw new InvalidOperationException("Vigil:Cna:OrgId must be the CNA's organisation UUID.");
            }

            if (shortName is null || shortName.Trim().Length is < 2 or > 32)
            {
                throw new InvalidOperationException("Vigil:Cna:ShortName must be the CNA's short name, 2 to 32 characters.");
            }

            cna = new CnaIdentity(org, shortName.Trim());
        }

        return new PublicationOptions { CvePool = ids.Distinct(StringComparer.Ordinal).ToList(), Cna = cna };
    }
}
