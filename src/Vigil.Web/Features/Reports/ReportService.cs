using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Cwe;
using Vigil.Disclosure.Deadlines;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>Who is asking, with the roles read from the database on this request (not from the cookie).</summary>
public sealed record Viewer(string UserId, bool IsTriager, bool IsAdministrator)
{
    /// <summary>The workflow's actor: a triage-team member or not.</summary>
    public Actor Actor => new(UserId, IsTriager);
}

/// <summary>A file to attach, as uploaded.</summary>
public sealed record UploadedFile(string? Name, byte[] Content);

/// <summary>A report as one participant may see it, texts opened.</summary>
public sealed record ReportView(
    ReportRecord Record,
    VulnerabilityReport Report,
    IReadOnlyList<ReportParticipantRecord> Participants,
    IReadOnlyList<(ReportEventRecord Event, string? Reason)> Events,
    IReadOnlyList<(ReportCommentRecord Comment, string Body)> Comments,
    IReadOnlyList<(ReportAttachmentRecord Attachment, string Name)> Attachments,
    IReadOnlyDictionary<string, string> Names);

/// <summary>A row of the report list or the triage dashboard.</summary>
public sealed record ReportSummary(ReportRecord Record, string Title, IReadOnlyList<ReportDeadline> Deadlines, bool Overdue);

/// <summary>
/// The reports feature's one door to the data: every read and change goes through here, and every one of them first
/// asks <see cref="FindVisibleAsync"/> whether the report exists for this viewer. To anyone who is not a participant
/// (reporter, invited maintainer), a triager or an administrator, a report does not exist: the callers answer 404.
/// </summary>
public sealed class ReportService(
    PlatformDbContext db,
    ReportCipher cipher,
    AuditLog audit,
    MailOutbox outbox,
    UserManager<PlatformUser> users,
    TimeProvider time,
    AccountLinks links)
{
    /// <summary>The WG's policy; the clocks read it.</summary>
    public static DisclosurePolicy Policy => DisclosurePolicy.Default;

    /// <summary>The viewer behind a principal, roles from the database; null when the account is gone or disabled.</summary>
    public async Task<Viewer?> ViewerAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.DisabledAt is not null)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        return new Viewer(user.Id, roles.Contains(Roles.Triager), roles.Contains(Roles.Administrator));
    }

    /// <summary>The report and its participants when the viewer may see it; null otherwise (answer 404).</summary>
    public async Task<(ReportRecord Record, List<ReportParticipantRecord> Participants)?> FindVisibleAsync(Guid id, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var record = await db.Reports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var participants = await db.ReportParticipants.Where(p => p.ReportId == id).ToListAsync(cancellationToken);
        bool visible = viewer.IsTriager || viewer.IsAdministrator || participants.Any(p => p.UserId == viewer.UserId);
        return visible ? (record, participants) : null;
    }

    /// <summary>The report for the viewer, with its thread; records the read in the audit log. Null: answer 404.</summary>
    public async Task<ReportView?> ReadAsync(Guid id, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            return null;
        }

        var (record, participants) = visible;
        audit.Record(viewer.UserId, AuditActions.ReportRead, record.Id.ToString());
        await audit.SaveChangesAsync(cancellationToken);

        bool seesInternal = CanSeeInternal(viewer, record);
        var events = await db.ReportEvents.AsNoTracking().Where(e => e.ReportId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var comments = await db.ReportComments.AsNoTracking().Where(c => c.ReportId == id && (seesInternal || !c.Internal)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var attachments = await db.ReportAttachments.AsNoTracking().Where(a => a.ReportId == id).OrderBy(a => a.At)
            .Select(a => new ReportAttachmentRecord
            {
                Id = a.Id, ReportId = a.ReportId, UploaderId = a.UploaderId, At = a.At, Kind = a.Kind, Size = a.Size, NameSealed = a.NameSealed, ContentSealed = Array.Empty<byte>(),
            })
            .ToListAsync(cancellationToken);

        var people = participants.Select(p => p.UserId).Concat(events.Select(e => e.ActorId)).Concat(comments.Select(c => c.AuthorId)).ToHashSet(StringComparer.Ordinal);
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        return new ReportView(
            record,
            ToDomain(record, participants),
            participants,
            events.Select(e => (e, e.ReasonSealed is null ? null : cipher.Open(e.ReasonSealed, ReasonContext(e.ReportId)))).ToList(),
            comments.Select(c => (c, cipher.Open(c.BodySealed, CommentContext(c.ReportId, c.Internal)))).ToList(),
            attachments.Select(a => (a, cipher.Open(a.NameSealed, AttachmentNameContext(a.ReportId, a.Id)))).ToList(),
            names);
    }

    /// <summary>Whether the viewer sees internal notes: the triage team and administrators, never as the report's own reporter.</summary>
    public static bool CanSeeInternal(Viewer viewer, ReportRecord record) =>
        (viewer.IsTriager || viewer.IsAdministrator) && !string.Equals(record.ReporterId, viewer.UserId, StringComparison.Ordinal);

    /// <summary>The viewer's reports; for triagers and administrators every report (the triage dashboard).</summary>
    public async Task<IReadOnlyList<ReportSummary>> ListAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        IQueryable<ReportRecord> query = db.Reports.AsNoTracking();
        if (!viewer.IsTriager && !viewer.IsAdministrator)
        {
            var mine = db.ReportParticipants.Where(p => p.UserId == viewer.UserId).Select(p => p.ReportId);
            query = query.Where(r => mine.Contains(r.Id));
        }

        var records = await query.OrderByDescending(r => r.SubmittedAt).Take(500).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return records.Select(r =>
        {
            var deadlines = Deadlines(r);
            return new ReportSummary(r, cipher.Open(r.TitleSealed, TitleContext(r.Id)), deadlines, deadlines.Any(d => d.IsOverdue(now)));
        }).ToList();
    }

    /// <summary>The clocks that run for a stored report (DisclosureClocks over its dates and state).</summary>
    public static IReadOnlyList<ReportDeadline> Deadlines(ReportRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var running = new List<ReportDeadline>(2);
        var state = ParseState(r.State);
        if (state == ReportState.New && r.FirstResponseAt is null)
        {
            running.Add(new ReportDeadline(r.Id.ToString(), DeadlineKind.FirstResponse, Policy.FirstResponseDue(Utc(r.SubmittedAt))));
        }

        if (DisclosureClocks.PublicationClockStates.Contains(state) && r.PublicationDueAt is { } due)
        {
            running.Add(new ReportDeadline(r.Id.ToString(), DeadlineKind.Publication, Utc(due)));
        }

        return running;
    }

    /// <summary>Validates and stores a new report; on errors nothing is stored.</summary>
    public async Task<(Guid? Id, IReadOnlyList<FieldError> Errors)> SubmitAsync(Viewer viewer, ReportDraft draft, IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (!ReportDetails.TryCreate(draft, CweCatalogue.Default, out var details, out var fieldErrors))
        {
            errors.AddRange(fieldErrors);
        }

        var accepted = CheckAttachments(files, errors);
        if (errors.Count > 0 || details is null)
        {
            return (null, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7();
        var record = new ReportRecord
        {
            Id = id,
            ReporterId = viewer.UserId,
            State = ReportWorkflow.StateName(ReportState.New),
            PackageName = details.PackageName,
            AffectedVersions = draft.AffectedVersions!.Trim(),
            CweId = details.Cwe.Id,
            CvssVector = details.Cvss?.Text,
            CvssScore = details.Cvss?.Scores.Score,
            TitleSealed = cipher.Seal(details.Title, TitleContext(id)),
            DescriptionSealed = cipher.Seal(details.Description, DescriptionContext(id)),
            ProofOfConceptSealed = cipher.Seal(details.ProofOfConcept, ProofContext(id)),
            SubmittedAt = now,
        };
        db.Reports.Add(record);
        db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = id, UserId = viewer.UserId, Role = RoleName(ParticipantRole.Reporter), AddedAt = now });
        foreach (var (name, content, kind) in accepted)
        {
            AddAttachment(id, viewer.UserId, name, content, kind, now);
        }

        audit.Record(viewer.UserId, AuditActions.ReportSubmitted, id.ToString(), accepted.Count == 0 ? string.Empty : $"attachments={accepted.Count}");

        // The triage team learns that a report arrived; the mail says which, never what (titles leak too).
        var triagers = await users.GetUsersInRoleAsync(Roles.Triager);
        foreach (var triager in triagers.Where(t => t.Id != viewer.UserId && t.Email is not null && t.DisabledAt == null))
        {
            outbox.Enqueue(triager.Email!, $"[Vigil] New report {ShortId(id)}", $"A new private report was submitted.\n\nOpen it: {links.BaseUrl(null)}/reports/{id}\n");
        }

        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return (id, []);
    }

    /// <summary>
    /// Applies a transition through <see cref="ReportWorkflow.TryApply"/>: state and role are checked against the
    /// stored report and the viewer's roles from the database; a refusal changes nothing. The new state, the event,
    /// the audit entry and the participants' e-mails are saved together.
    /// </summary>
    public async Task<WorkflowError?> TransitionAsync(Guid id, Viewer viewer, TransitionRequest request, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, participants) = visible;
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
        db.ReportEvents.Add(new ReportEventRecord
        {
            ReportId = id,
            Action = recorded.Action.ToString(),
            ActorId = recorded.ActorId,
            At = recorded.At.UtcDateTime,
            FromState = ReportWorkflow.StateName(recorded.From),
            ToState = ReportWorkflow.StateName(recorded.To),
            ReasonSealed = recorded.Reason is null ? null : cipher.Seal(recorded.Reason, ReasonContext(id)),
            Detail = recorded.Detail,
        });
        audit.Record(viewer.UserId, AuditActions.ReportTransition, id.ToString(), $"{recorded.Action}: {ReportWorkflow.StateName(recorded.From)} -> {ReportWorkflow.StateName(recorded.To)}");
        await NotifyAsync(outcome.Notify, $"[Vigil] Report {ShortId(id)} is now {ReportWorkflow.StateName(recorded.To)}",
            $"Report {ShortId(id)} moved from {ReportWorkflow.StateName(recorded.From)} to {ReportWorkflow.StateName(recorded.To)}.\n\nOpen it: {links.BaseUrl(null)}/reports/{id}\n", cancellationToken);
        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return null;
    }

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

    /// <summary>An attachment's name and bytes for a viewer who may see the report; records the read. Null: answer 404.</summary>
    public async Task<(string Name, byte[] Content)?> OpenAttachmentAsync(Guid id, Guid attachmentId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (await FindVisibleAsync(id, viewer, cancellationToken) is null)
        {
            return null;
        }

        var attachment = await db.ReportAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        audit.Record(viewer.UserId, AuditActions.ReportRead, id.ToString(), "attachment=" + attachmentId);
        await audit.SaveChangesAsync(cancellationToken);
        return (cipher.Open(attachment.NameSealed, AttachmentNameContext(id, attachmentId)), cipher.OpenBytes(attachment.ContentSealed, AttachmentContext(id, attachmentId)));
    }

    /// <summary>
    /// A triager removes a maintainer or a triager from the report. Access is decided from the participant rows on
    /// every request, so the removed person's very next request (session or token) gets 404. The reporter stays.
    /// </summary>
    public async Task<FieldError?> RemoveParticipantAsync(Guid id, Viewer viewer, long participantId, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, participants) = visible;
        if (!viewer.IsTriager || string.Equals(record.ReporterId, viewer.UserId, StringComparison.Ordinal))
        {
            return new FieldError("participant", "Only a triager who did not submit the report can remove participants.");
        }

        var participant = participants.SingleOrDefault(p => p.Id == participantId);
        if (participant is null || participant.Role == RoleName(ParticipantRole.Reporter))
        {
            return new FieldError("participant", "That is not a participant who can be removed (the reporter always stays).");
        }

        db.ReportParticipants.Remove(participant);
        audit.Record(viewer.UserId, AuditActions.ParticipantChanged, id.ToString(), $"removed {participant.Role} {participant.UserId}");
        await audit.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>How long an invitation link stays valid.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// A triager invites a maintainer by e-mail: a single-use link valid for <see cref="InvitationLifetime"/>, bound to
    /// that address, its token stored only as a hash. The mail names the package (the maintainer must know which of
    /// theirs), never the report's words. Returns the refused field's error, or null.
    /// </summary>
    public async Task<FieldError?> InviteAsync(Guid id, Viewer viewer, string? email, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, _) = visible;
        if (!viewer.IsTriager || string.Equals(record.ReporterId, viewer.UserId, StringComparison.Ordinal))
        {
            return new FieldError(ReportFields.Maintainer, "Only a triager who did not submit the report can invite a maintainer.");
        }

        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 320 || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            return new FieldError(ReportFields.Maintainer, "is not an e-mail address");
        }

        string token = SecretTokens.New();
        var now = time.GetUtcNow().UtcDateTime;
        db.ReportInvitations.Add(new ReportInvitationRecord
        {
            ReportId = id, Email = email, TokenHash = SecretTokens.Hash(token), InvitedBy = viewer.UserId, CreatedAt = now, ExpiresAt = now + InvitationLifetime,
        });
        audit.Record(viewer.UserId, AuditActions.ParticipantChanged, id.ToString(), "invited maintainer");
        outbox.Enqueue(email, $"[Vigil] You are invited to a private vulnerability report about {record.PackageName}",
            $"The Node.js Security Working Group's triage team received a private report about the npm package {record.PackageName}, which you maintain.\n\n" +
            $"Sign in or register with this address ({email}) and open this link within {InvitationLifetime.TotalDays:0} days to join the report; it works once:\n{links.BaseUrl(null)}/invitations/{token}\n");
        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return null;
    }

    /// <summary>The invitation behind a link, when it is unused, unexpired and for this viewer's address; else null.</summary>
    public async Task<ReportInvitationRecord?> FindInvitationAsync(string? token, PlatformUser user, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        string hash = SecretTokens.Hash(token);
        var invitation = await db.ReportInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= now
            || !string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase) || !user.EmailConfirmed
            ? null
            : invitation;
    }

    /// <summary>Uses the invitation: the viewer joins that report, and only it, as a maintainer. Null when the link is no good.</summary>
    public async Task<Guid?> AcceptInvitationAsync(string? token, PlatformUser user, CancellationToken cancellationToken = default)
    {
        var invitation = await FindInvitationAsync(token, user, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        invitation.UsedAt = now;
        string role = RoleName(ParticipantRole.Maintainer);
        if (!await db.ReportParticipants.AnyAsync(p => p.ReportId == invitation.ReportId && p.UserId == user.Id && p.Role == role, cancellationToken))
        {
            db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = invitation.ReportId, UserId = user.Id, Role = role, AddedAt = now });
        }

        audit.Record(user.Id, AuditActions.ParticipantChanged, invitation.ReportId.ToString(), "maintainer joined");
        try
        {
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        return invitation.ReportId;
    }


    /// <summary>The report as the procedure sees it.</summary>
    public VulnerabilityReport ToDomain(ReportRecord record, IEnumerable<ReportParticipantRecord> participants)
    {
        ArgumentNullException.ThrowIfNull(record);
        var draft = new ReportDraft
        {
            PackageName = record.PackageName,
            AffectedVersions = record.AffectedVersions,
            CweId = record.CweId,
            Title = cipher.Open(record.TitleSealed, TitleContext(record.Id)),
            Description = cipher.Open(record.DescriptionSealed, DescriptionContext(record.Id)),
            ProofOfConcept = cipher.Open(record.ProofOfConceptSealed, ProofContext(record.Id)),
            CvssVector = record.CvssVector,
        };
        if (!ReportDetails.TryCreate(draft, CweCatalogue.Default, out var details, out var errors))
        {
            throw new InvalidOperationException($"Stored report {record.Id} no longer validates: {string.Join("; ", errors.Select(e => e.Field))}.");
        }

        return new VulnerabilityReport
        {
            Id = record.Id.ToString(),
            Details = details,
            ReporterId = record.ReporterId,
            Participants = participants.Select(p => new Participant(p.UserId, ParseRole(p.Role))).ToList(),
            State = ParseState(record.State),
            SubmittedAt = Utc(record.SubmittedAt),
            FirstResponseAt = record.FirstResponseAt is { } f ? Utc(f) : null,
            AcceptedAt = record.AcceptedAt is { } a ? Utc(a) : null,
            PublicationDueAt = record.PublicationDueAt is { } d ? Utc(d) : null,
            FixedVersion = record.FixedVersion is { } v ? Vigil.Domain.Semver.NpmVersion.Parse(v) : null,
            DuplicateOf = record.DuplicateOf,
            PublishedAt = record.PublishedAt is { } p ? Utc(p) : null,
            WithdrawnAt = record.WithdrawnAt is { } w ? Utc(w) : null,
        };
    }

    public static string RoleName(ParticipantRole role) => role.ToString().ToLowerInvariant();

    public static ParticipantRole ParseRole(string role) => Enum.Parse<ParticipantRole>(role, ignoreCase: true);

    public static ReportState ParseState(string state) =>
        Enum.GetValues<ReportState>().First(s => ReportWorkflow.StateName(s) == state);

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>The first eight hex digits of the id, for mail subjects.</summary>
    public static string ShortId(Guid id) => id.ToString("N", CultureInfo.InvariantCulture)[..8];

    // The associated data of each sealed field: a value opens only in the row and field it was sealed for.
    internal static string TitleContext(Guid id) => $"report:{id}:title";

    internal static string DescriptionContext(Guid id) => $"report:{id}:description";

    internal static string ProofContext(Guid id) => $"report:{id}:proof-of-concept";

    internal static string ReasonContext(Guid id) => $"report:{id}:reason";

    internal static string CommentContext(Guid id, bool isInternal) => $"report:{id}:{(isInternal ? "internal-note" : "comment")}";

    internal static string AttachmentNameContext(Guid id, Guid attachmentId) => $"report:{id}:attachment:{attachmentId}:name";

    internal static string AttachmentContext(Guid id, Guid attachmentId) => $"report:{id}:attachment:{attachmentId}:content";

    private static List<(string Name, byte[] Content, string Kind)> CheckAttachments(IReadOnlyList<UploadedFile> files, List<FieldError> errors)
    {
        var accepted = new List<(string, byte[], string)>();
        if (files.Count > Attachments.MaxCount)
        {
            errors.Add(new FieldError("attachments", $"at most {Attachments.MaxCount} files can be attached; {files.Count} were sent"));
            return accepted;
        }

        foreach (var file in files)
        {
            string name = Attachments.CleanName(file.Name);
            if (file.Content.LongLength > Attachments.MaxBytes)
            {
                errors.Add(new FieldError("attachments", $"'{name}' is larger than {Attachments.MaxBytes / (1024 * 1024)} MB"));
            }
            else if (Attachments.Sniff(file.Content) is not { } kind)
            {
                errors.Add(new FieldError("attachments", $"'{name}' is not {Attachments.AllowedKinds} (judged by its content)"));
            }
            else
            {
                accepted.Add((name, file.Content, kind));
            }
        }

        return accepted;
    }

    private void AddAttachment(Guid reportId, string uploaderId, string name, byte[] content, string kind, DateTime now)
    {
        var attachmentId = Guid.CreateVersion7();
        db.ReportAttachments.Add(new ReportAttachmentRecord
        {
            Id = attachmentId,
            ReportId = reportId,
            UploaderId = uploaderId,
            At = now,
            Kind = kind,
            Size = content.LongLength,
            NameSealed = cipher.Seal(name, AttachmentNameContext(reportId, attachmentId)),
            ContentSealed = cipher.Seal(content, AttachmentContext(reportId, attachmentId)),
        });
    }

    private async Task NotifyAsync(IReadOnlyList<string> userIds, string subject, string body, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var to = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null && u.DisabledAt == null).Select(u => u.Email!).ToListAsync(cancellationToken);
        foreach (string address in to)
        {
            outbox.Enqueue(address, subject, body);
        }
    }
}
