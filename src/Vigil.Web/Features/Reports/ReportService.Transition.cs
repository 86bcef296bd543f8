using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Web.Features.Publication;

namespace Vigil.Web.Features.Reports;

/// <summary>Moving a report through the workflow.</summary>
public sealed partial class ReportService
{
    /// <summary>
    /// Applies a transition through <see cref="ReportWorkflow.TryApply"/>: state and role are checked against the
    /// stored report and the viewer's roles from the database; a refusal changes nothing. The new state, the event,
    /// the audit entry and the participants' e-mails are saved together. Publishing (by a triager, or at the deadline by
    /// the clock) also stores the advisory (<see cref="PublicationService"/>), in the same transaction.
    /// </summary>
    public async Task<WorkflowError?> TransitionAsync(Guid id, Viewer viewer, TransitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool publishes = PublicationService.Publishes(request.Action);
        bool changesAdvisory = PublicationService.ChangesAdvisory(request.Action);

        // Publishing (and withdrawing) writes the advisory and the report together: the audit gate first, then one
        // transaction that serializes publications before the report is read, so that a racing second publish sees the
        // report published.
        await using var gate = changesAdvisory ? await audit.HoldAsync(cancellationToken) : null;
        await using var transaction = changesAdvisory ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (changesAdvisory)
        {
            publication.Lock();
        }

        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, participants) = visible;
        if (changesAdvisory)
        {
            // The page may have loaded the report into this context before the lock: read what is committed now.
            await db.Entry(record).ReloadAsync(cancellationToken);
        }

        var report = ToDomain(record, participants);
        request = request with { MaintainerId = null };
        if (request.Action == ReportAction.MarkDuplicate && !string.IsNullOrWhiteSpace(request.DuplicateOf))
        {
            bool exists = Guid.TryParse(request.DuplicateOf, out var other) && other != id && await db.Reports.AnyAsync(r => r.Id == other, cancellationToken);
            if (!exists)
            {
                return new WorkflowError(WorkflowErrorCode.InvalidField, "The duplicated report's id does not name another report.", ReportFields.DuplicateOf);
            }

            request = request with { DuplicateOf = other.ToString() };
        }

        var now = time.GetUtcNow();
        if (!ReportWorkflow.TryApply(report, request, viewer.Actor, now, Policy, out var outcome, out var error))
        {
            return error;
        }

        var next = outcome.Report;
        record.State = ReportWorkflow.StateName(next.State);
        record.FirstResponseAt = next.FirstResponseAt?.UtcDateTime;
        record.AcceptedAt = next.AcceptedAt?.UtcDateTime;
        record.PublicationDueAt = next.PublicationDueAt?.UtcDateTime;
        record.FixedVersion = next.FixedVersion?.ToString();
        record.DuplicateOf = next.DuplicateOf;
        record.PublishedAt = next.PublishedAt?.UtcDateTime;
        record.WithdrawnAt = next.WithdrawnAt?.UtcDateTime;
        record.Revision++;
        foreach (var added in next.Participants.Where(p => !participants.Any(q => q.UserId == p.UserId && q.Role == RoleName(p.Role))))
        {
            db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = id, UserId = added.UserId, Role = RoleName(added.Role), AddedAt = now.UtcDateTime });
        }

        var recorded = outcome.Event;
        string? advisory = null;
        if (publishes)
        {
            var stored = await publication.PublishAsync(id, next, now, cancellationToken);
            advisory = stored.Record.Id + ((stored.Record.Aliases ?? []).FirstOrDefault(a => a.StartsWith("CVE-", StringComparison.Ordinal)) is { } cve ? " " + cve : " CVE requested");
        }
        else if (changesAdvisory && publication.Withdraw(id, now) is { } withdrawn)
        {
            advisory = withdrawn.Record.Id + " withdrawn";
        }

        db.ReportEvents.Add(new ReportEventRecord
        {
            ReportId = id,
            Action = recorded.Action.ToString(),
            ActorId = recorded.ActorId,
            At = recorded.At.UtcDateTime,
            FromState = ReportWorkflow.StateName(recorded.From),
            ToState = ReportWorkflow.StateName(recorded.To),
            ReasonSealed = recorded.Reason is null ? null : cipher.Seal(recorded.Reason, ReasonContext(id)),
            Detail = recorded.Detail ?? advisory,
        });
        audit.Record(viewer.UserId, AuditActions.ReportTransition, id.ToString(), $"{recorded.Action}: {ReportWorkflow.StateName(recorded.From)} -> {ReportWorkflow.StateName(recorded.To)}" + (advisory is null ? string.Empty : $" ({advisory})"));
        await NotifyAsync(outcome.Notify, $"[Vigil] Report {ShortId(id)} is now {ReportWorkflow.StateName(recorded.To)}",
            $"Report {ShortId(id)} moved from {ReportWorkflow.StateName(recorded.From)} to {ReportWorkflow.StateName(recorded.To)}.\n\nOpen it: {links.BaseUrl(null)}/reports/{id}\n", cancellationToken);
        await audit.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return null;
    }
}
