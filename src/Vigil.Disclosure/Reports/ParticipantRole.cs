namespace Vigil.Disclosure.Reports;

/// <summary>What a participant is on one report.</summary>
public enum ParticipantRole
{
    /// <summary>Submitted the report.</summary>
    Reporter,

    /// <summary>A member of the WG's triage team who acted on the report.</summary>
    Triager,

    /// <summary>A maintainer of the report's package, invited to it.</summary>
    Maintainer,
}
