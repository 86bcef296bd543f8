using System.Diagnostics.CodeAnalysis;
using Vigil.Disclosure.Deadlines;
using Vigil.Disclosure.Reports;
using Vigil.Domain.Semver;

namespace Vigil.Disclosure.Workflow;

/// <summary>
/// Applies the transition table to reports. A refused transition changes nothing and says why; an applied one gives
/// the next version of the report, the event to record and the participants to notify.
/// </summary>
public static class ReportWorkflow
{
    /// <summary>
    /// Applies <paramref name="request"/> to <paramref name="report"/> as <paramref name="actor"/> at
    /// <paramref name="now"/>. Checks, in order: the state, the actor's role on the report (a triager who submitted
    /// the report is only its reporter), the deadline, the required fields.
    /// </summary>
    public static bool TryApply(
        VulnerabilityReport report,
        TransitionRequest request,
        Actor actor,
        DateTimeOffset now,
        DisclosurePolicy policy,
        [NotNullWhen(true)] out TransitionOutcome? outcome,
        [NotNullWhen(false)] out WorkflowError? error)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(policy);
        outcome = null;
        if (!Enum.IsDefined(request.Action))
        {
            error = new WorkflowError(WorkflowErrorCode.NotPermitted, $"'{request.Action}' is not an action.");
            return false;
        }

        var transition = TransitionTable.Of(request.Action);
        NpmVersion? fixedVersion = null;
        error = CheckState(report, transition) ?? CheckRole(report, actor, transition) ?? CheckNeeds(report, request, transition, now, out fixedVersion);
        if (error is not null)
        {
            return false;
        }

        var next = Advance(report, request, actor, transition, now, policy, fixedVersion);
        string? detail = request.Action switch
        {
            ReportAction.MarkDuplicate => request.DuplicateOf,
            ReportAction.MarkFixed => fixedVersion!.ToString(),
            ReportAction.ContactMaintainer => string.IsNullOrWhiteSpace(request.MaintainerId) ? null : request.MaintainerId,
            _ => null,
        };
        var recorded = new TransitionEvent(
            report.Id, request.Action, actor.UserId, now, report.State, transition.To, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason, detail);
        var notify = next.Participants.Select(p => p.UserId)
            .Where(id => !string.Equals(id, actor.UserId, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        outcome = new TransitionOutcome(next, recorded, notify);
        return true;
    }

    /// <summary>The actions <paramref name="actor"/> may take on the report now (for the page's buttons), in table order.</summary>
    public static IReadOnlyList<ReportAction> Available(VulnerabilityReport report, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        return TransitionTable.All
            .Where(t => CheckState(report, t) is null && CheckRole(report, actor, t) is null
                && (!t.Needs.HasFlag(Requirements.DeadlineReached) || CheckDeadline(report, now) is null))
            .Select(t => t.Action)
            .ToList();
    }

    /// <summary>The roles the actor holds on this report. Submitting a report makes a triage-team member only its reporter.</summary>
    public static Performers RolesOf(VulnerabilityReport report, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsClock)
        {
            return Performers.Clock;
        }

        bool isReporter = report.Has(actor.UserId, ParticipantRole.Reporter);
        var roles = Performers.None;
        roles |= isReporter ? Performers.Reporter : Performers.None;
        roles |= actor.IsTriageTeamMember && !isReporter ? Performers.Triager : Performers.None;
        roles |= report.Has(actor.UserId, ParticipantRole.Maintainer) ? Performers.Maintainer : Performers.None;
        return roles;
    }

    private static WorkflowError? CheckState(VulnerabilityReport report, Transition transition) =>
        transition.From.Contains(report.State)
            ? null
            : new WorkflowError(
                WorkflowErrorCode.WrongState,
                $"{transition.Action} is possible only when the report is {string.Join(" or ", transition.From.Select(StateName))}; it is {StateName(report.State)}.");

    private static WorkflowError? CheckRole(VulnerabilityReport report, Actor actor, Transition transition)
    {
        var roles = RolesOf(report, actor);
        if ((roles & transition.By) != 0)
        {
            return null;
        }

        if (transition.By.HasFlag(Performers.Triager) && actor.IsTriageTeamMember && report.Has(actor.UserId, ParticipantRole.Reporter))
        {
            return new WorkflowError(WorkflowErrorCode.OwnReport, "A triager cannot triage a report they submitted; another member of the triage team must.");
        }

        return new WorkflowError(WorkflowErrorCode.NotPermitted, $"{transition.Action} may be done only by {PerformerNames(transition.By)}.");
    }

    private static WorkflowError? CheckDeadline(VulnerabilityReport report, DateTimeOffset now) =>
        report.PublicationDueAt is { } due && now >= due
            ? null
            : new WorkflowError(
                WorkflowErrorCode.DeadlineNotReached,
                report.PublicationDueAt is { } at
                    ? $"The publication deadline is {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC; the report can be published without a fix only from then on."
                    : "The report has no publication deadline.");

    private static WorkflowError? CheckNeeds(VulnerabilityReport report, TransitionRequest request, Transition transition, DateTimeOffset now, out NpmVersion? fixedVersion)
    {
        fixedVersion = null;
        if (transition.Needs.HasFlag(Requirements.DeadlineReached) && CheckDeadline(report, now) is { } late)
        {
            return late;
        }

        if (TextRules.Check(request.Reason, ReportLimits.Reason, transition.Needs.HasFlag(Requirements.Reason), multiline: true) is { } reasonError)
        {
            return Invalid(ReportFields.Reason, "The reason " + reasonError + ".");
        }

        if (transition.Needs.HasFlag(Requirements.DuplicateOf))
        {
            if (TextRules.Check(request.DuplicateOf, ReportLimits.Id, required: true, multiline: false) is { } idError)
            {
                return Invalid(ReportFields.DuplicateOf, "The duplicated report's id " + idError + ".");
            }

            if (string.Equals(request.DuplicateOf, report.Id, StringComparison.Ordinal))
            {
                return Invalid(ReportFields.DuplicateOf, "A report cannot duplicate itself.");
            }
        }

        if (transition.Needs.HasFlag(Requirements.FixedVersion))
        {
            if (!NpmVersion.TryParse(request.FixedVersion, SemverOptions.None, out fixedVersion, out string? versionError))
            {
                return Invalid(ReportFields.FixedVersion, "The fixed version is not an npm version: " + versionError);
            }

            if (report.Details.AffectedVersions.IsSatisfiedBy(fixedVersion))
            {
                return Invalid(ReportFields.FixedVersion, $"{fixedVersion} is inside the affected range {report.Details.AffectedVersions.Canonical}: it cannot be the fix.");
            }
        }

        if (request.Action == ReportAction.ContactMaintainer && request.MaintainerId is { } maintainer
            && TextRules.Check(maintainer, ReportLimits.Id, required: false, multiline: false) is { } maintainerError)
        {
            return Invalid(ReportFields.Maintainer, "The maintainer's id " + maintainerError + ".");
        }

        return null;
    }

    private static VulnerabilityReport Advance(
        VulnerabilityReport report, TransitionRequest request, Actor actor, Transition transition, DateTimeOffset now, DisclosurePolicy policy, NpmVersion? fixedVersion)
    {
        var next = report with { State = transition.To };
        if (RolesOf(report, actor).HasFlag(Performers.Triager))
        {
            next = next.WithParticipant(actor.UserId, ParticipantRole.Triager);
        }

        if (report.State == ReportState.New && transition.By.HasFlag(Performers.Triager) && report.FirstResponseAt is null)
        {
            next = next with { FirstResponseAt = now };
        }

        switch (request.Action)
        {
            case ReportAction.Accept:
                next = next with { AcceptedAt = now, PublicationDueAt = policy.PublicationDue(now) };
                break;
            case ReportAction.MarkDuplicate:
                next = next with { DuplicateOf = request.DuplicateOf };
                break;
            case ReportAction.ContactMaintainer when !string.IsNullOrWhiteSpace(request.MaintainerId):
                next = next.WithParticipant(request.MaintainerId, ParticipantRole.Maintainer);
                break;
            case ReportAction.MarkFixed:
                next = next with { FixedVersion = fixedVersion };
                break;
            case ReportAction.Publish or ReportAction.PublishAtDeadline:
                next = next with { PublishedAt = now };
                break;
            case ReportAction.Withdraw:
                next = next with { WithdrawnAt = now };
                break;
        }

        return next;
    }

    private static WorkflowError Invalid(string field, string message) => new(WorkflowErrorCode.InvalidField, message, field);

    /// <summary>The state as the WG writes it: <c>needs-info</c>, <c>fix-in-progress</c>…</summary>
    public static string StateName(ReportState state) => state switch
    {
        ReportState.New => "new",
        ReportState.NeedsInfo => "needs-info",
        ReportState.Rejected => "rejected",
        ReportState.Duplicate => "duplicate",
        ReportState.Accepted => "accepted",
        ReportState.MaintainerContacted => "maintainer-contacted",
        ReportState.FixInProgress => "fix-in-progress",
        ReportState.Fixed => "fixed",
        ReportState.Published => "published",
        ReportState.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a report state."),
    };

    private static string PerformerNames(Performers performers)
    {
        var names = new List<string>(4);
        if (performers.HasFlag(Performers.Reporter))
        {
            names.Add("the reporter");
        }

        if (performers.HasFlag(Performers.Triager))
        {
            names.Add("a triager who did not submit the report");
        }

        if (performers.HasFlag(Performers.Maintainer))
        {
            names.Add("an invited maintainer");
        }

        if (performers.HasFlag(Performers.Clock))
        {
            names.Add("Vigil's clock");
        }

        return string.Join(" or ", names);
    }
}
