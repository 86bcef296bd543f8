using Vigil.Disclosure.Reports;
using Vigil.Domain.Osv;

namespace Vigil.Disclosure.Publication;

/// <summary>Someone credited in the advisory, as they want to be named, and how.</summary>
/// <param name="Name">The name or handle to print.</param>
/// <param name="Type">Their role, in OSV's vocabulary (the CVE record uses the same roles).</param>
/// <param name="Contact">URLs to reach them, or null.</param>
public sealed record PublicationCredit(string Name, OsvCreditType Type, IReadOnlyList<string>? Contact = null)
{
    /// <summary>The usual credit of a participant's role: the reporter found it, the maintainer fixed it, the triager coordinated.</summary>
    public static OsvCreditType TypeOf(ParticipantRole role) => role switch
    {
        ParticipantRole.Reporter => OsvCreditType.Finder,
        ParticipantRole.Maintainer => OsvCreditType.RemediationDeveloper,
        ParticipantRole.Triager => OsvCreditType.Coordinator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a participant role."),
    };
}
