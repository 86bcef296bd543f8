namespace Vigil.Governance;

/// <summary>The audit log's action names for the group's own changes (members, nominations, votes, offboarding, meetings).</summary>
public static class GroupAuditActions
{
    /// <summary>An administrator added, edited or removed a member on the roster; the detail says what changed.</summary>
    public const string MemberChanged = "group.member";

    /// <summary>A nomination was opened, withdrawn, moved to onboarding or completed; the detail names the step.</summary>
    public const string Nomination = "group.nomination";

    /// <summary>An objection was raised or withdrawn.</summary>
    public const string Objection = "group.objection";

    /// <summary>A triage-team motion opened, a vote was cast, or the motion was decided.</summary>
    public const string TriageMotion = "group.triage-motion";

    /// <summary>The triager role was granted or removed with the triage-team membership.</summary>
    public const string TriagerRole = "group.triager-role";

    /// <summary>An activity check was asked, reminded, confirmed, or ended in emeritus or a return.</summary>
    public const string ActivityCheck = "group.activity-check";

    /// <summary>A meeting was scheduled, changed, announced or cancelled, or its minutes published.</summary>
    public const string Meeting = "group.meeting";
}
