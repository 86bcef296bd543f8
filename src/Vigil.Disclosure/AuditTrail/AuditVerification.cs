namespace Vigil.Disclosure.AuditTrail;

/// <summary>The result of checking a log: intact, or the first entry where it breaks and why.</summary>
/// <param name="IsIntact">Whether every entry checks out.</param>
/// <param name="FirstBadIndex">The index (from 0) of the first entry that does not, or null.</param>
/// <param name="Problem">What is wrong there, or null.</param>
public sealed record AuditVerification(bool IsIntact, int? FirstBadIndex, string? Problem)
{
    /// <summary>An intact log.</summary>
    public static AuditVerification Intact { get; } = new(true, null, null);
}
