namespace Vigil.Disclosure.AuditTrail;

/// <summary>
/// One entry of the append-only audit log. <see cref="Hash"/> is SHA-256 over <see cref="PreviousHash"/> and the
/// canonical form of the other fields (<see cref="AuditCanonical"/>), so that changing, removing or reordering an
/// entry breaks the chain. Make entries with <see cref="AuditChain.Append"/>.
/// </summary>
/// <param name="Sequence">The entry's position, from 1.</param>
/// <param name="Time">When it happened, kept in UTC to the tick.</param>
/// <param name="Actor">Who did it (an account id, or the clock).</param>
/// <param name="Action">What was done (<see cref="AuditActions"/>).</param>
/// <param name="Subject">What it was done to, e.g. a report id.</param>
/// <param name="Detail">More about it; never report contents.</param>
/// <param name="PreviousHash">The previous entry's hash in lower-case hex; 64 zeros for the first entry.</param>
/// <param name="Hash">This entry's hash in lower-case hex.</param>
public sealed record AuditEntry(
    long Sequence, DateTimeOffset Time, string Actor, string Action, string Subject, string Detail, string PreviousHash, string Hash);
