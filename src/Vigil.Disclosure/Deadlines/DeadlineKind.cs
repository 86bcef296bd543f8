namespace Vigil.Disclosure.Deadlines;

/// <summary>The two clocks of a report.</summary>
public enum DeadlineKind
{
    /// <summary>Triage's first answer, business days after submission.</summary>
    FirstResponse,

    /// <summary>Publication, calendar days after acceptance.</summary>
    Publication,
}
