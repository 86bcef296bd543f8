using System.Globalization;

namespace Vigil.Disclosure.Publication;

/// <summary>
/// The WG's ids for npm advisories: <c>NSWG-ECO-&lt;n&gt;</c>, where <c>n</c> is the record's number in the WG's
/// <c>vuln/npm/n.json</c> (a positive decimal without leading zeros; the snapshot ends at 519).
/// </summary>
public static class AdvisoryIds
{
    /// <summary>The prefix of npm advisory ids.</summary>
    public const string EcosystemPrefix = "NSWG-ECO-";

    /// <summary>The next id: one more than the highest <c>NSWG-ECO-n</c> among <paramref name="existingIds"/>, or <c>NSWG-ECO-1</c>. Other ids are ignored.</summary>
    public static string NextEcosystemId(IEnumerable<string> existingIds)
    {
        ArgumentNullException.ThrowIfNull(existingIds);
        long highest = 0;
        foreach (string id in existingIds)
        {
            if (TryParseEcosystemId(id, out long number))
            {
                highest = Math.Max(highest, number);
            }
        }

        return EcosystemPrefix + checked(highest + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The number of an <c>NSWG-ECO-n</c> id.</summary>
    public static bool TryParseEcosystemId(string? id, out long number)
    {
        number = 0;
        if (id is null || !id.StartsWith(EcosystemPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = id.AsSpan(EcosystemPrefix.Length);
        return digits.Length is > 0 and <= 18 && !digits.ContainsAnyExceptInRange('0', '9') && digits[0] != '0'
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
