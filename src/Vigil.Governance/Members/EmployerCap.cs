using Vigil.Governance.Rules;

namespace Vigil.Governance.Members;

/// <summary>An employer with more members than the cap allows.</summary>
/// <param name="Employer">The employer as first written.</param>
/// <param name="Members">How many active members it has.</param>
/// <param name="Allowed">How many it may have in a group of this size.</param>
public sealed record EmployerBreach(string Employer, int Members, int Allowed);

/// <summary>
/// At most <see cref="GroupRules.EmployerShareNumerator"/>/<see cref="GroupRules.EmployerShareDenominator"/> of the
/// active members may share an employer. Employers compare case-insensitively with surrounding and repeated spaces
/// ignored; a member without an employer (blank) is nobody's employee and never counts.
/// </summary>
public static class EmployerCap
{
    /// <summary>Every breach among the active members' employers (one entry per member), largest first.</summary>
    public static IReadOnlyList<EmployerBreach> Breaches(IReadOnlyCollection<string?> employers, GroupRules rules)
    {
        ArgumentNullException.ThrowIfNull(employers);
        ArgumentNullException.ThrowIfNull(rules);
        int allowed = rules.MaxFromOneEmployer(employers.Count);
        return [.. employers
            .Where(e => !string.IsNullOrWhiteSpace(e))
            .GroupBy(e => Key(e!), StringComparer.Ordinal)
            .Where(g => g.Count() > allowed)
            .Select(g => new EmployerBreach(g.First()!.Trim(), g.Count(), allowed))
            .OrderByDescending(b => b.Members)
            .ThenBy(b => b.Employer, StringComparer.Ordinal)];
    }

    /// <summary>The breaches the group would have if one more member with <paramref name="employer"/> joined.</summary>
    public static IReadOnlyList<EmployerBreach> BreachesIfJoined(IReadOnlyCollection<string?> employers, string? employer, GroupRules rules) =>
        Breaches([.. employers, employer], rules);

    /// <summary>The comparison key of an employer name.</summary>
    public static string Key(string employer) =>
        string.Join(' ', (employer ?? throw new ArgumentNullException(nameof(employer))).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
