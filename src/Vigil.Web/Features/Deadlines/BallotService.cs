using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Ballots;
using Vigil.Disclosure.Deadlines;
using Vigil.Disclosure.Reports;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Deadlines;

/// <summary>A ballot as one participant of the report sees it.</summary>
/// <param name="Record">The stored ballot.</param>
/// <param name="Reason">Why the extension was proposed.</param>
/// <param name="Tally">The count.</param>
/// <param name="ProposedBy">The proposer's name.</param>
/// <param name="MyVote">The viewer's vote, or null.</param>
/// <param name="CanVote">Whether the viewer may vote now.</param>
/// <param name="Votes">Each voter's name and vote, for the triage team only; null for the others.</param>
public sealed record BallotView(BallotRecord Record, string Reason, BallotTally Tally, string ProposedBy, bool? MyVote, bool CanVote, IReadOnlyList<(string Name, bool? Yes)>? Votes);

/// <summary>The ballots of one report and whether the viewer may open one.</summary>
public sealed record BallotPanel(Guid ReportId, bool CanOpen, DateTime? CurrentDue, IReadOnlyList<BallotView> Ballots);

/// <summary>
/// Extension ballots on a report's publication deadline (<see cref="ExtensionBallot"/> holds the rule). A ballot
/// exists only for those who see its report: every call first asks <see cref="ReportService.FindVisibleAsync"/>, and
/// throws <see cref="KeyNotFoundException"/> (answer 404) otherwise. The voters — the triage team and the report's
/// reporter — are fixed when the ballot opens; the proposer's vote is not implied.
/// </summary>
public sealed class BallotService(
    PlatformDbContext db,
    ReportService reports,
    SecretCipher cipher,
    AuditLog audit,
    MailOutbox outbox,
    UserManager<PlatformUser> users,
    TimeProvider time,
    AccountLinks links)
{
    /// <summary>How far past the current deadline an extension may reach.</summary>
    public const int MaxExtensionDays = 365;

    /// <summary>The form's and the API's field names.</summary>
    public const string ProposedDueField = "proposedDue";

    /// <summary>The reason field.</summary>
    public const string ReasonField = "reason";

    /// <summary>The vote field (<c>yes</c> or <c>no</c>).</summary>
    public const string VoteField = "vote";

    /// <summary>The report's ballots, newest first, as the viewer may see them. Null when the report is not visible.</summary>
    public async Task<BallotPanel?> PanelAsync(Guid reportId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await reports.FindVisibleAsync(reportId, viewer, cancellationToken) is not { } visible)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.ReportId == reportId).OrderByDescending(b => b.OpenedAt).ToListAsync(cancellationToken);
        var ids = ballots.Select(b => b.Id).ToList();
        var votes = await db.BallotVotes.AsNoTracking().Where(v => ids.Contains(v.BallotId)).OrderBy(v => v.Id).ToListAsync(cancellationToken);
        bool seesVoters = viewer.IsTriager || viewer.IsAdministrator;
        var people = votes.Select(v => v.UserId).Concat(ballots.Select(b => b.ProposedBy)).ToHashSet(StringComparer.Ordinal);
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        string NameOf(string id) => names.TryGetValue(id, out string? name) ? name : "(removed account)";

        var views = ballots.Select(b =>
        {
            var mine = votes.Where(v => v.BallotId == b.Id).ToList();
            var domain = Restore(b, mine);
            var own = mine.FirstOrDefault(v => v.UserId == viewer.UserId);
            return new BallotView(
                b,
                cipher.Open(b.ReasonSealed, ReasonContext(b.ReportId, b.Id)),
                domain.Tally,
                NameOf(b.ProposedBy),
                own?.Yes,
                own is not null && b.ClosedAt is null && now < ReportService.Utc(b.CurrentDue),
                seesVoters ? mine.Select(v => (NameOf(v.UserId), v.Yes)).ToList() : null);
        }).ToList();
        var record = visible.Record;
        bool canOpen = viewer.IsTriager && record.PublicationDueAt is { } due && now < ReportService.Utc(due)
            && DisclosureClocks.PublicationClockStates.Contains(ReportService.ParseState(record.State))
            && ballots.All(b => b.ClosedAt is not null);
        return new BallotPanel(reportId, canOpen, record.PublicationDueAt, views);
    }

    /// <summary>
    /// Opens a ballot proposing <paramref name="proposedDate"/> (<c>yyyy-MM-dd</c>, the new deadline keeps the
    /// current one's time of day). Only a triager opens one, one at a time per report. Returns the new ballot's id,
    /// or the refused field's error.
    /// </summary>
    public async Task<(Guid? Id, FieldError? Error)> OpenAsync(Guid reportId, Viewer viewer, string? proposedDate, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var (record, participants) = await reports.FindVisibleAsync(reportId, viewer, cancellationToken) ?? throw new KeyNotFoundException();
        if (!viewer.IsTriager)
        {
            return (null, new FieldError(ProposedDueField, "Only a member of the triage team opens an extension ballot."));
        }

        if (record.PublicationDueAt is not { } currentDue)
        {
            return (null, new FieldError(ProposedDueField, "Only an accepted report that is not yet published has a deadline to extend."));
        }

        if (string.IsNullOrWhiteSpace(proposedDate)
            || !DateOnly.TryParseExact(proposedDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, new FieldError(ProposedDueField, "The proposed deadline must be a date written yyyy-MM-dd."));
        }

        var proposed = new DateTimeOffset(date.ToDateTime(TimeOnly.FromDateTime(currentDue)), TimeSpan.Zero);
        if (proposed > ReportService.Utc(currentDue).AddDays(MaxExtensionDays))
        {
            return (null, new FieldError(ProposedDueField, $"An extension reaches at most {MaxExtensionDays} days past the current deadline."));
        }

        if (ExtensionBallot.CheckReason(reason) is { } reasonError)
        {
            return (null, new FieldError(ReasonField, "The reason " + reasonError + "."));
        }

        if (await db.Ballots.AnyAsync(b => b.ReportId == reportId && b.ClosedAt == null, cancellationToken))
        {
            return (null, new FieldError(ProposedDueField, "An extension ballot is already open on this report."));
        }

        var now = time.GetUtcNow();
        var triageTeam = (await users.GetUsersInRoleAsync(Roles.Triager)).Where(u => u.DisabledAt is null).Select(u => u.Id).ToList();
        var report = reports.ToDomain(record, participants);
        if (!ExtensionBallot.TryOpen(report, triageTeam, viewer.UserId, proposed, now, out var ballot, out string? error))
        {
            return (null, new FieldError(ProposedDueField, error));
        }

        var id = Guid.CreateVersion7();
        db.Ballots.Add(new BallotRecord
        {
            Id = id,
            ReportId = reportId,
            ProposedBy = viewer.UserId,
            ReasonSealed = cipher.Seal(reason!.Trim(), ReasonContext(reportId, id)),
            CurrentDue = ballot.CurrentDue.UtcDateTime,
            ProposedDue = ballot.ProposedDue.UtcDateTime,
            OpenedAt = now.UtcDateTime,
            Outcome = OutcomeName(BallotOutcome.Open),
        });
        foreach (string voter in ballot.Voters.Order(StringComparer.Ordinal))
        {
            db.BallotVotes.Add(new BallotVoteRecord { BallotId = id, UserId = voter });
        }

        audit.Record(viewer.UserId, AuditActions.BallotOpened, reportId.ToString(), $"ballot {id}: {ballot.CurrentDue.UtcDateTime:yyyy-MM-dd HH:mm} -> {ballot.ProposedDue.UtcDateTime:yyyy-MM-dd HH:mm}");
        await reports.NotifyAsync(ballot.Voters.Where(v => v != viewer.UserId).ToList(), $"[Vigil] Vote on extending report {ReportService.ShortId(reportId)}",
            $"An extension of report {ReportService.ShortId(reportId)}'s publication deadline to {ballot.ProposedDue.UtcDateTime:yyyy-MM-dd HH:mm} UTC is proposed. You have one vote; it passes only with a majority of all {ballot.Voters.Count} voters.\n\nVote: {links.BaseUrl(null)}/reports/{reportId}#ballots\n",
            cancellationToken);
        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return (id, null);
    }

    /// <summary>
    /// Records or changes the viewer's vote (<c>yes</c> or <c>no</c>). Refused when the viewer is not a voter, the
    /// ballot is closed or the deadline has passed. A vote that decides the ballot closes it; a passed ballot moves
    /// the deadline. Every vote is audited.
    /// </summary>
    public async Task<FieldError?> VoteAsync(Guid reportId, Guid ballotId, Viewer viewer, string? vote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await reports.FindVisibleAsync(reportId, viewer, cancellationToken) is null)
        {
            throw new KeyNotFoundException();
        }

        var record = await db.Ballots.SingleOrDefaultAsync(b => b.Id == ballotId && b.ReportId == reportId, cancellationToken) ?? throw new KeyNotFoundException();
        bool? yes = vote?.Trim() switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        if (yes is null)
        {
            return new FieldError(VoteField, "The vote must be yes or no.");
        }

        var votes = await db.BallotVotes.Where(v => v.BallotId == ballotId).ToListAsync(cancellationToken);
        var ballot = Restore(record, votes);
        var now = time.GetUtcNow();
        if (ballot.ClosedAt is null && now >= ballot.CurrentDue)
        {
            return new FieldError(VoteField, "The ballot is closed: the publication deadline has passed.");
        }

        if (!ballot.TryVote(viewer.UserId, yes.Value, now, out var next, out string? error))
        {
            return new FieldError(VoteField, error);
        }

        var row = votes.Single(v => v.UserId == viewer.UserId);
        row.Yes = yes;
        row.VotedAt = now.UtcDateTime;
        record.Revision++;
        audit.Record(viewer.UserId, AuditActions.BallotVote, reportId.ToString(), $"ballot {ballotId}: {(yes.Value ? "yes" : "no")}");
        if (next.ClosedAt is { } closedAt)
        {
            await RecordCloseAsync(record, next, closedAt, cancellationToken);
        }

        try
        {
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new FieldError(VoteField, "Someone voted on this ballot at the same moment; please vote again.");
        }

        outbox.Wake();
        return null;
    }

    /// <summary>
    /// Closes every open ballot whose deadline has arrived at <paramref name="now"/> (the clock's pass): without a
    /// majority by then the deadline stays. Returns how many closed.
    /// </summary>
    public async Task<int> CloseExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowUtc = now.UtcDateTime;
        var expired = await db.Ballots.Where(b => b.ClosedAt == null && b.CurrentDue <= nowUtc).ToListAsync(cancellationToken);
        int closed = 0;
        foreach (var record in expired)
        {
            var votes = await db.BallotVotes.AsNoTracking().Where(v => v.BallotId == record.Id).ToListAsync(cancellationToken);
            var ballot = Restore(record, votes).Close(now);
            record.Revision++;
            await RecordCloseAsync(record, ballot, now, cancellationToken);
            closed++;
        }

        if (closed > 0)
        {
            await audit.SaveChangesAsync(cancellationToken);
            outbox.Wake();
        }

        return closed;
    }

    private async Task RecordCloseAsync(BallotRecord record, ExtensionBallot ballot, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        record.ClosedAt = closedAt.UtcDateTime;
        record.Outcome = OutcomeName(ballot.Outcome);
        var report = await db.Reports.SingleAsync(r => r.Id == record.ReportId, cancellationToken);
        bool moved = ballot.Outcome == BallotOutcome.Passed && report.PublicationDueAt is { } due && ReportService.Utc(due) == ballot.CurrentDue;
        if (moved)
        {
            report.PublicationDueAt = ballot.ProposedDue.UtcDateTime;
            report.Revision++;
        }

        var tally = ballot.Tally;
        audit.Record(Disclosure.Workflow.Actor.ClockId, AuditActions.BallotClosed, record.ReportId.ToString(),
            $"ballot {record.Id}: {record.Outcome}, {tally.Yes} yes, {tally.No} no of {tally.Eligible}{(moved ? $"; deadline {ballot.ProposedDue.UtcDateTime:yyyy-MM-dd HH:mm}" : string.Empty)}");
        var participants = await db.ReportParticipants.AsNoTracking().Where(p => p.ReportId == record.ReportId).Select(p => p.UserId).ToListAsync(cancellationToken);
        var to = participants.Concat(ballot.Voters).Distinct(StringComparer.Ordinal).ToList();
        string shortId = ReportService.ShortId(record.ReportId);
        string outcome = moved
            ? $"passed ({tally.Yes} of {tally.Eligible} voters said yes): the publication deadline is now {ballot.ProposedDue.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
            : $"did not pass ({tally.Yes} yes, {tally.No} no, {tally.NotVoted} not voted, of {tally.Eligible}; {tally.Needed} needed): the publication deadline stays {ballot.CurrentDue.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
        await reports.NotifyAsync(to, $"[Vigil] Extension of report {shortId} {(moved ? "passed" : "did not pass")}",
            $"The extension ballot on report {shortId} {outcome}.\n\nOpen it: {links.BaseUrl(null)}/reports/{record.ReportId}#ballots\n", cancellationToken);
    }

    private static ExtensionBallot Restore(BallotRecord record, IEnumerable<BallotVoteRecord> votes)
    {
        var rows = votes.ToList();
        return ExtensionBallot.Restore(
            record.ReportId.ToString(),
            record.ProposedBy,
            rows.Select(v => v.UserId),
            ReportService.Utc(record.CurrentDue),
            ReportService.Utc(record.ProposedDue),
            ReportService.Utc(record.OpenedAt),
            rows.Where(v => v.Yes is not null).Select(v => KeyValuePair.Create(v.UserId, v.Yes!.Value)),
            record.ClosedAt is { } closed ? ReportService.Utc(closed) : null);
    }

    /// <summary>The outcome as stored: <c>open</c>, <c>passed</c>, <c>failed</c>.</summary>
    public static string OutcomeName(BallotOutcome outcome) => outcome.ToString().ToLowerInvariant();

    internal static string ReasonContext(Guid reportId, Guid ballotId) => $"report:{reportId}:ballot:{ballotId}:reason";
}
