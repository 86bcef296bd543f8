using Vigil.Disclosure.Reports;

namespace Vigil.Web.Features.Reports;

/// <summary>The thread: comments for every participant, internal notes for the triage team.</summary>
public sealed partial class ReportService
{
    /// <summary>Adds a comment (or, for the triage team, an internal note). Returns the refused field's error, or null.</summary>
    public async Task<FieldError?> CommentAsync(Guid id, Viewer viewer, string? body, bool isInternal, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, participants) = visible;
        if (isInternal && !CanSeeInternal(viewer, record))
        {
            return new FieldError("internal", "Only the triage team can write internal notes.");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return new FieldError("body", "is required");
        }

        if (body.Length > ReportLimits.Description)
        {
            return new FieldError("body", $"is {body.Length} characters long; at most {ReportLimits.Description} are allowed");
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.ReportComments.Add(new ReportCommentRecord { ReportId = id, AuthorId = viewer.UserId, At = now, Internal = isInternal, BodySealed = cipher.Seal(body, CommentContext(id, isInternal)) });
        audit.Record(viewer.UserId, "report.comment", id.ToString(), isInternal ? "internal" : string.Empty);

        // Everyone on the report hears of a comment; of an internal note only the triagers on it.
        var to = participants
            .Where(p => p.UserId != viewer.UserId && (!isInternal || (p.Role == RoleName(ParticipantRole.Triager) && p.UserId != record.ReporterId)))
            .Select(p => p.UserId).Distinct().ToList();
        await NotifyAsync(to, $"[Vigil] New {(isInternal ? "internal note" : "comment")} on report {ShortId(id)}",
            $"There is a new {(isInternal ? "internal note" : "comment")} on report {ShortId(id)}.\n\nOpen it: {links.BaseUrl(null)}/reports/{id}\n", cancellationToken);
        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return null;
    }
}
