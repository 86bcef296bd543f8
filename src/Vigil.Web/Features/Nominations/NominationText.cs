using System.Globalization;

namespace Vigil.Web.Features.Nominations;

/// <summary>How the pages word a nomination's state and times.</summary>
public static class NominationText
{
    /// <summary>The state; "blocked" only when the viewer may know of a standing objection.</summary>
    public static string State(NominationRecord nomination, bool blocked)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        return nomination.State switch
        {
            NominationState.Open when blocked => "Blocked by an objection",
            NominationState.Open => "Open for objections",
            NominationState.Onboarding => "Onboarding",
            NominationState.Completed => "Member",
            _ => "Withdrawn",
        };
    }

    /// <summary>A stored time, to the second, in UTC.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
