using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Governance.Meetings;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Meetings;

/// <summary>Who is asking, as the meetings feature sees it.</summary>
/// <param name="UserId">The account.</param>
/// <param name="Member">Their active membership, or null.</param>
/// <param name="IsAdministrator">An administrator (may schedule, change and cancel meetings without being a member).</param>
public sealed record MeetingViewer(string UserId, GroupMemberRecord? Member, bool IsAdministrator)
{
    /// <summary>An active member of the group: adds agenda items, publishes minutes.</summary>
    public bool IsMember => Member is not null;

    /// <summary>Schedules, changes and cancels meetings: an active member or an administrator.</summary>
    public bool MaySchedule => IsMember || IsAdministrator;
}

/// <summary>One agenda item as shown: its text and who added it.</summary>
public sealed record AgendaEntry(AgendaItemRecord Item, string Author);

/// <summary>Why a change was refused: the status code to answer with and the reason, naming the field.</summary>
public sealed record MeetingRefusal(int Status, IReadOnlyList<string> Errors)
{
    /// <summary>A refusal about the input (400).</summary>
    public static MeetingRefusal Input(params IReadOnlyList<string> errors) => new(StatusCodes.Status400BadRequest, errors);

    /// <summary>A refusal about the meeting's state or a stale form (409).</summary>
    public static MeetingRefusal State(string error) => new(StatusCodes.Status409Conflict, [error]);
}

/// <summary>
/// The group's meetings (issue 7): any active member or an administrator schedules, changes or cancels one (every
/// change bumps the iCalendar SEQUENCE and is mailed to every active member through the outbox); any active member
/// adds agenda items until it starts and publishes the minutes once it is over. Every change is in the audit log.
/// </summary>
public sealed class MeetingService(PlatformDbContext db, MemberService members, MailOutbox outbox, AuditLog audit, TimeProvider time)
{
    /// <summary>The longest minutes, in characters.</summary>
    public const int MaxMinutes = 100_000;

    /// <summary>Past meetings listed.</summary>
    public const int PastShown = 200;

    /// <summary>The viewer of a signed-in session, or null for anyone else.</summary>
    public async Task<MeetingViewer?> ViewerAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        string? id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || user.Identity?.AuthenticationType != Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            return null;
        }

        return new MeetingViewer(id, await members.ActiveMemberAsync(id, ct), user.IsInRole(Roles.Administrator));
    }

    /// <summary>Meetings not over yet (cancelled ones too, marked), soonest first; and past ones, newest first.</summary>
    public async Task<(IReadOnlyList<MeetingRecord> Upcoming, IReadOnlyList<MeetingRecord> Past)> ListAsync(CancellationToken ct = default)
    {
        var now = Now();
        // Over once start + duration has passed: read those that started in the last 8 hours with the upcoming ones.
        var edge = now.AddMinutes(-MeetingDraft.MaxDurationMinutes);
        var recent = await db.Meetings.AsNoTracking().Where(m => m.StartsAt > edge).OrderBy(m => m.StartsAt).ThenBy(m => m.Id).ToListAsync(ct);
        var upcoming = recent.Where(m => End(m) > now).ToList();
        var past = recent.Where(m => End(m) <= now && m.CancelledAt is null).OrderByDescending(m => m.StartsAt).ToList();
        past.AddRange(await db.Meetings.AsNoTracking().Where(m => m.StartsAt <= edge && m.CancelledAt == null)
            .OrderByDescending(m => m.StartsAt).ThenByDescending(m => m.Id).Take(PastShown).ToListAsync(ct));
        return (upcoming, past.Take(PastShown).ToList());
    }

    /// <summary>A meeting and its agenda, or null.</summary>
    public async Task<(MeetingRecord Meeting, IReadOnlyList<AgendaEntry> Agenda)?> FindAsync(long id, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        return meeting is null ? null : (meeting, await AgendaAsync(id, ct));
    }

    /// <summary>Schedules a meeting and announces it to every active member.</summary>
    public async Task<(MeetingRecord? Meeting, MeetingRefusal? Refusal)> ScheduleAsync(MeetingViewer viewer, string? title, string? start, string? duration, string? location, string baseUrl, CancellationToken ct = default)
    {
        RequireScheduler(viewer);
        var (draft, errors) = MeetingDraft.Read(title, start, duration, location, time.GetUtcNow());
        if (draft is null)
        {
            return (null, MeetingRefusal.Input(errors));
        }

        var now = Now();
        var meeting = new MeetingRecord
        {
            Uid = $"{Guid.CreateVersion7():N}@{new Uri(baseUrl).Host}",
            Title = draft.Title,
            StartsAt = draft.Start.UtcDateTime,
            DurationMinutes = draft.DurationMinutes,
            Location = draft.Location,
            CreatedBy = viewer.UserId,
            CreatedAt = now,
            Sequence = 0,
            AnnouncedAt = now,
        };
        // The announcement links to the meeting's page, by id: the row first, then the mail and the audit entry, in one transaction.
        await using (await audit.HoldAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync(ct);
            await AnnounceAsync(meeting, [], MeetingMail.Kind.Scheduled, baseUrl, ct);
            audit.Record(viewer.UserId, GroupAuditActions.Meeting, Subject(meeting), $"scheduled for {Stamp(meeting.StartsAt)} UTC, {meeting.DurationMinutes} minutes");
            await audit.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        outbox.Wake();
        return (meeting, null);
    }

    /// <summary>Changes a meeting's schedule (from the form of <paramref name="sequence"/>), bumps its SEQUENCE and mails the change.</summary>
    public async Task<MeetingRefusal?> UpdateAsync(MeetingViewer viewer, long id, string? sequence, string? title, string? start, string? duration, string? location, string baseUrl, CancellationToken ct = default)
    {
        RequireScheduler(viewer);
        var meeting = await LoadAsync(id, ct);
        if (Refuse(meeting, sequence) is { } refused)
        {
            return refused;
        }

        var (draft, errors) = MeetingDraft.Read(title, start, duration, location, time.GetUtcNow());
        if (draft is null)
        {
            return MeetingRefusal.Input(errors);
        }

        meeting.Title = draft.Title;
        meeting.StartsAt = draft.Start.UtcDateTime;
        meeting.DurationMinutes = draft.DurationMinutes;
        meeting.Location = draft.Location;
        meeting.Sequence++;
        meeting.AnnouncedAt = Now();
        await AnnounceAsync(meeting, await AgendaAsync(id, ct), MeetingMail.Kind.Changed, baseUrl, ct);
        audit.Record(viewer.UserId, GroupAuditActions.Meeting, Subject(meeting), $"changed (sequence {meeting.Sequence}): {Stamp(meeting.StartsAt)} UTC, {meeting.DurationMinutes} minutes");
        await audit.SaveChangesAsync(ct);
        outbox.Wake();
        return null;
    }

    /// <summary>Cancels a meeting (from the form of <paramref name="sequence"/>), bumps its SEQUENCE and mails the cancellation.</summary>
    public async Task<MeetingRefusal?> CancelAsync(MeetingViewer viewer, long id, string? sequence, string baseUrl, CancellationToken ct = default)
    {
        RequireScheduler(viewer);
        var meeting = await LoadAsync(id, ct);
        if (Refuse(meeting, sequence) is { } refused)
        {
            return refused;
        }

        var now = Now();
        meeting.CancelledAt = now;
        meeting.Sequence++;
        meeting.AnnouncedAt = now;
        await AnnounceAsync(meeting, await AgendaAsync(id, ct), MeetingMail.Kind.Cancelled, baseUrl, ct);
        audit.Record(viewer.UserId, GroupAuditActions.Meeting, Subject(meeting), $"cancelled (sequence {meeting.Sequence})");
        await audit.SaveChangesAsync(ct);
        outbox.Wake();
        return null;
    }

    /// <summary>Adds an agenda item, until the meeting starts.</summary>
    public async Task<MeetingRefusal?> AddAgendaItemAsync(MeetingViewer viewer, long id, string? title, string? details, CancellationToken ct = default)
    {
        RequireMember(viewer);
        var meeting = await LoadAsync(id, ct);
        if (!MeetingTimes.TakesAgendaItems(Utc(meeting.StartsAt), meeting.CancelledAt is not null, time.GetUtcNow()))
        {
            return MeetingRefusal.State(meeting.CancelledAt is null ? "The meeting has started: its agenda is closed." : "The meeting was cancelled.");
        }

        var (draft, errors) = AgendaItemDraft.Read(title, details);
        if (draft is null)
        {
            return MeetingRefusal.Input(errors);
        }

        db.AgendaItems.Add(new AgendaItemRecord { MeetingId = id, AuthorId = viewer.UserId, Title = draft.Title, Details = draft.Details, AddedAt = Now() });
        audit.Record(viewer.UserId, GroupAuditActions.Meeting, Subject(meeting), "agenda item added");
        await audit.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Publishes (or replaces) the minutes, once the meeting is over.</summary>
    public async Task<MeetingRefusal?> PublishMinutesAsync(MeetingViewer viewer, long id, string? minutes, CancellationToken ct = default)
    {
        RequireMember(viewer);
        var meeting = await LoadAsync(id, ct);
        if (!MeetingTimes.TakesMinutes(Utc(meeting.StartsAt), meeting.DurationMinutes, meeting.CancelledAt is not null, time.GetUtcNow()))
        {
            return MeetingRefusal.State(meeting.CancelledAt is null ? "Minutes are published once the meeting is over." : "The meeting was cancelled.");
        }

        string text = (minutes ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return MeetingRefusal.Input("minutes: are required.");
        }

        if (text.Length > MaxMinutes)
        {
            return MeetingRefusal.Input($"minutes: at most {MaxMinutes} characters.");
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            return MeetingRefusal.Input("minutes: must not contain control characters other than line breaks and tabs.");
        }

        bool replaced = meeting.Minutes is not null;
        meeting.Minutes = text;
        meeting.MinutesPublishedAt = Now();
        audit.Record(viewer.UserId, GroupAuditActions.Meeting, Subject(meeting), replaced ? "minutes replaced" : "minutes published");
        await audit.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The meetings (or one) as calendar events, with the time of the latest change among them.</summary>
    public async Task<(IReadOnlyList<CalendarEvent> Events, DateTimeOffset Changed)> EventsAsync(string baseUrl, long? id, CancellationToken ct = default)
    {
        var since = Now().AddYears(-1);
        var query = db.Meetings.AsNoTracking();
        query = id is { } one ? query.Where(m => m.Id == one) : query.Where(m => m.StartsAt >= since);
        var meetings = await query.OrderBy(m => m.StartsAt).ThenBy(m => m.Id).Take(1000).ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        var items = (await db.AgendaItems.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).ToListAsync(ct))
            .OrderBy(a => a.Id).ToLookup(a => a.MeetingId);
        var events = meetings.Select(m => MeetingCalendar.Event(m, items[m.Id].ToList(), baseUrl)).ToList();
        var changed = events.Count == 0 ? DateTimeOffset.UnixEpoch : events.Max(e => e.Stamp);
        return (events, changed);
    }

    private async Task AnnounceAsync(MeetingRecord meeting, IReadOnlyList<AgendaEntry> agenda, MeetingMail.Kind kind, string baseUrl, CancellationToken ct)
    {
        var active = await members.ActiveMembersAsync(ct);
        var ids = active.Select(m => m.UserId).ToList();
        var addresses = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        string subject = MeetingMail.Subject(kind, meeting);
        string body = MeetingMail.Body(kind, meeting, agenda, baseUrl);
        foreach (string address in addresses.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            outbox.Enqueue(address, subject, body);
        }
    }

    private async Task<IReadOnlyList<AgendaEntry>> AgendaAsync(long id, CancellationToken ct)
    {
        var items = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var authors = items.Select(a => a.AuthorId).Distinct().ToList();
        var names = await db.GroupMembers.AsNoTracking().Where(m => authors.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.DisplayName, ct);
        return [.. items.Select(a => new AgendaEntry(a, names.GetValueOrDefault(a.AuthorId) ?? "a former member"))];
    }

    private async Task<MeetingRecord> LoadAsync(long id, CancellationToken ct) =>
        await db.Meetings.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new KeyNotFoundException($"No meeting {id}.");

    private MeetingRefusal? Refuse(MeetingRecord meeting, string? sequence)
    {
        if (!int.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out int seen))
        {
            return MeetingRefusal.Input("sequence: is required (the form's revision); reload the page.");
        }

        if (!MeetingTimes.MayChange(Utc(meeting.StartsAt), meeting.CancelledAt is not null, time.GetUtcNow()))
        {
            return MeetingRefusal.State(meeting.CancelledAt is null ? "The meeting has started: it can no longer be changed or cancelled." : "The meeting was cancelled.");
        }

        return seen == meeting.Sequence ? null : MeetingRefusal.State("Someone changed the meeting since this form was shown; reload the page and try again.");
    }

    private static void RequireScheduler(MeetingViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.MaySchedule)
        {
            throw new UnauthorizedAccessException("Only active members and administrators schedule meetings.");
        }
    }

    private static void RequireMember(MeetingViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsMember)
        {
            throw new UnauthorizedAccessException("Only active members add agenda items and publish minutes.");
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    /// <summary>A stored time as UTC (SQLite gives it back without a kind).</summary>
    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>When a meeting ends.</summary>
    internal static DateTimeOffset End(MeetingRecord meeting) => Utc(meeting.StartsAt).AddMinutes(meeting.DurationMinutes);

    private static string Subject(MeetingRecord meeting) => "meeting:" + meeting.Uid;

    private static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
