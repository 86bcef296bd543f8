namespace Vigil.Web.Features.Offboarding;

/// <summary>The activity checks' worker (<c>Vigil:Offboarding</c>); the numbers themselves are the group's rules.</summary>
public sealed class OffboardingSettings
{
    /// <summary>Whether this instance runs the worker (any number of instances may; claims keep them apart).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks at the clock, in seconds.</summary>
    public int PollSeconds { get; set; } = 300;

    /// <summary>
    /// When the first cycle's count starts (UTC). Unset: the earliest join date on the roster. The checks are asked at
    /// every whole multiple of the rules' months after it (never at the epoch itself), docs/adr/0012.
    /// </summary>
    public DateTime? Epoch { get; set; }
}
