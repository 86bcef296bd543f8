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
using Vigil.Web.Features.Maintainers;
using Vigil.Web.Features.Publication;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>Who is asking, with the roles read from the database on this request (not from the cookie).</summary>
public sealed record Viewer(string UserId, bool IsTriager, bool IsAdministrator)
{
    /// <summary>
    /// Vigil's own clock, publishing at a deadline (Features/Deadlines). It sees every report and acts as
    /// <see cref="Actor.Clock"/>; no request can become it (<see cref="ReportService.ViewerAsync"/> never makes it).
    /// </summary>
    public static Viewer Clock { get; } = new(Actor.ClockId, false, false) { IsClock = true };

    /// <summary>Whether this is Vigil's clock rather than a person.</summary>
    public bool IsClock { get; private init; }

    /// <summary>The workflow's actor: a triage-team member or not, or the clock.</summary>
    public Actor Actor => IsClock ? Actor.Clock : new(UserId, IsTriager);
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
public sealed partial class ReportService(
    PlatformDbContext db,
    SecretCipher cipher,
    AuditLog audit,
    MailOutbox outbox,
    UserManager<PlatformUser> users,
    TimeProvider time,
    AccountLinks links,
    PublicationService publication,
    PackumentClient packuments,
    PackageCheckOptions packageCheck,
    DisclosurePolicy policy)
{
    /// <summary>The WG's policy as configured (Features/PolicyPages): the clocks read it, and so do the pages.</summary>
    public DisclosurePolicy Policy => policy;

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
        bool visible = viewer.IsClock || viewer.IsTriager || viewer.IsAdministrator || participants.Any(p => p.UserId == viewer.UserId);
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
    public IReadOnlyList<ReportDeadline> Deadlines(ReportRecord r)
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

    internal async Task NotifyAsync(IReadOnlyList<string> userIds, string subject, string body, CancellationToken cancellationToken)
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
