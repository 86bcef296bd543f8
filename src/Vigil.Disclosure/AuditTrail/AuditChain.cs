namespace Vigil.Disclosure.AuditTrail;

/// <summary>Makes audit entries that chain onto the last one.</summary>
public static class AuditChain
{
    /// <summary>The entry after <paramref name="last"/> (null for the first entry of the log).</summary>
    public static AuditEntry Append(AuditEntry? last, DateTimeOffset time, string actor, string action, string subject, string detail)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(detail);
        long sequence = (last?.Sequence ?? 0) + 1;
        string previous = last?.Hash ?? AuditCanonical.GenesisHash;
        var utc = time.ToUniversalTime();
        return new AuditEntry(sequence, utc, actor, action, subject, detail, previous, AuditCanonical.Hash(previous, sequence, utc, actor, action, subject, detail));
    }

    /// <summary>The entry recording that <paramref name="actor"/> read a private report.</summary>
    public static AuditEntry ReportRead(AuditEntry? last, DateTimeOffset time, string actor, string reportId) =>
        Append(last, time, actor, AuditActions.ReportRead, reportId, string.Empty);
}
