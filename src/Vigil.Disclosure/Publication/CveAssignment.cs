using System.Text.RegularExpressions;

namespace Vigil.Disclosure.Publication;

/// <summary>The CVE id of a published advisory: one taken from the pool reserved by a CNA, or "requested" when the pool is empty.</summary>
/// <param name="CveId">The id, or null while requested.</param>
public sealed partial record CveAssignment(string? CveId)
{
    /// <summary>An id still to be obtained from a CNA.</summary>
    public static CveAssignment Requested { get; } = new((string?)null);

    /// <summary>Whether the id is still to be obtained.</summary>
    public bool IsRequested => CveId is null;

    /// <summary>Whether the text is a CVE id as the CVE Record Format writes it: <c>CVE-YYYY-NNNN…</c>, 4 to 19 digits.</summary>
    public static bool IsCveId(string? text) => text is not null && CveIdPattern().IsMatch(text);

    /// <summary>
    /// The first id of <paramref name="reservedPool"/> (in its order) that no advisory uses yet, or
    /// <see cref="Requested"/> when none is left.
    /// </summary>
    /// <exception cref="ArgumentException">An id of the pool is not a CVE id.</exception>
    public static CveAssignment Take(IEnumerable<string> reservedPool, IEnumerable<string> usedIds)
    {
        ArgumentNullException.ThrowIfNull(reservedPool);
        ArgumentNullException.ThrowIfNull(usedIds);
        var used = usedIds.ToHashSet(StringComparer.Ordinal);
        foreach (string id in reservedPool)
        {
            if (!IsCveId(id))
            {
                throw new ArgumentException($"'{id}' in the reserved pool is not a CVE id.", nameof(reservedPool));
            }

            if (!used.Contains(id))
            {
                return new CveAssignment(id);
            }
        }

        return Requested;
    }

    /// <summary>The id, or <c>requested</c>.</summary>
    public override string ToString() => CveId ?? "requested";

    [GeneratedRegex(@"^CVE-[0-9]{4}-[0-9]{4,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex CveIdPattern();
}
