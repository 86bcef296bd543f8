using System.Globalization;

namespace Vigil.Disclosure.AuditTrail;

/// <summary>
/// Checks an audit log: every entry's hash matches its fields, links to the previous entry's hash, and the
/// sequence counts up from 1 without gaps. Finds the first edited, removed, inserted or reordered entry.
/// </summary>
/// <remarks>
/// Removing entries from the end leaves a shorter chain that is intact in itself; to catch that, compare with a
/// head kept elsewhere (the last hash and count published in the daily digest, for instance) through
/// <c>expectedHead</c>.
/// </remarks>
public static class AuditVerifier
{
    /// <summary>Checks the entries in log order.</summary>
    /// <param name="entries">The whole log, first entry first.</param>
    /// <param name="expectedHead">A head recorded earlier (its sequence and hash), which the log must still contain.</param>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, AuditEntry? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string previous = AuditCanonical.GenesisHash;
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            string? problem =
                entry.Sequence != i + 1 ? Say($"sequence is {entry.Sequence} where {i + 1} was expected: an entry was removed, inserted or moved")
                : !string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal) ? "does not link to the entry before it: an entry was removed, inserted or moved"
                : !HashMatches(entry) ? "its hash does not match its fields: the entry was edited"
                : null;
            if (problem is not null)
            {
                return new AuditVerification(false, i, problem);
            }

            previous = entry.Hash;
        }

        if (expectedHead is not null)
        {
            long at = expectedHead.Sequence - 1;
            if (at < 0 || at >= entries.Count || !string.Equals(entries[(int)at].Hash, expectedHead.Hash, StringComparison.Ordinal))
            {
                int index = (int)Math.Clamp(at, 0, entries.Count);
                return new AuditVerification(false, index, Say($"the recorded head (entry {expectedHead.Sequence}) is no longer in the log: entries were removed from the end or rewritten"));
            }
        }

        return AuditVerification.Intact;
    }

    private static bool HashMatches(AuditEntry entry)
    {
        try
        {
            return string.Equals(AuditCanonical.Hash(entry), entry.Hash, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
