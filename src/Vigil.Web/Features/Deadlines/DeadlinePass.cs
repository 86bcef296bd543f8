using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Disclosure.Deadlines;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Deadlines;

/// <summary>What one pass of the clock did.</summary>
/// <param name="BallotsClosed">Ballots closed because their deadline arrived.</param>
/// <param name="Published">Reports published at their deadline by this pass.</param>
/// <param name="Digests">Daily digests sent (or, when empty, recorded as done for the day) by this pass.</param>
public sealed record DeadlinePassResult(int BallotsClosed, int Published, int Digests);

/// <summary>
/// One pass of Vigil's clock: closes extension ballots whose deadline arrived, publishes the reports whose
/// publication deadline passed with no fixed version (<see cref="ReportAction.PublishAtDeadline"/> as
/// <see cref="Actor.Clock"/>, through <see cref="ReportService.TransitionAsync"/>, so that the same checks, history,
/// audit, mail and publication run as for a person), and sends each triager's daily digest once a day.
/// </summary>
/// <remarks>
/// Safe with several instances at once. Publishing: the transition's save is conditional on the report's revision, so
/// of two instances publishing the same report exactly one commits (the other's whole save — state, event, audit,
/// mail — rolls back). Digests: one conditional UPDATE of the triager's <c>platform_digests</c> row (last day
/// before today) claims the day, in the same transaction as the digest's e-mail: as with the outbox, SQLite
/// serialises the writers and PostgreSQL re-checks the condition after a concurrent update, so exactly one claim
/// wins, and a crash before the commit leaves the day unclaimed for the next pass.
/// </remarks>
public sealed partial class DeadlinePass(IServiceScopeFactory scopes, IOptions<DeadlineSettings> settings, DisclosurePolicy policy, ILogger<DeadlinePass> logger)
{
    /// <summary>Runs one pass at <paramref name="now"/> (the worker passes its clock's time).</summary>
    public async Task<DeadlinePassResult> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        int closed = await CloseBallotsAsync(now, cancellationToken);
        int published = await PublishDueAsync(now, cancellationToken);
        int digests = now.UtcDateTime.Hour >= settings.Value.DigestHourUtc ? await SendDigestsAsync(now, cancellationToken) : 0;
        return new DeadlinePassResult(closed, published, digests);
    }

    private async Task<int> CloseBallotsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<BallotService>().CloseExpiredAsync(now, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance (or a last vote) changed the same ballot at the same moment; the next pass sees it.
            LogRace(logger, "closing ballots");
            return 0;
        }
    }

    private async Task<int> PublishDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var states = DisclosureClocks.DeadlinePublicationStates.Select(ReportWorkflow.StateName).ToList();
            var nowUtc = now.UtcDateTime;
            due = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Reports.AsNoTracking()
                .Where(r => states.Contains(r.State) && r.PublicationDueAt != null && r.PublicationDueAt <= nowUtc)
                .OrderBy(r => r.PublicationDueAt)
                .Select(r => r.Id)
                .ToListAsync(cancellationToken);
        }

        int published = 0;
        foreach (var id in due)
        {
            // A scope per report: a save that lost a race leaves its context unusable.
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var error = await scope.ServiceProvider.GetRequiredService<ReportService>()
                    .TransitionAsync(id, Viewer.Clock, new TransitionRequest(ReportAction.PublishAtDeadline), cancellationToken);
                if (error is null)
                {
                    published++;
                }
                else if (error.Code == WorkflowErrorCode.WrongState)
                {
                    LogRace(logger, "publishing at the deadline");
                }
                else
                {
                    LogNotPublished(logger, id, error.Code);
                }
            }
            catch (DbUpdateException)
            {
                LogRace(logger, "publishing at the deadline");
            }
            catch (KeyNotFoundException)
            {
                // Deleted since the query.
            }
        }

        return published;
    }

    private async Task<int> SendDigestsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        List<(string Id, string Email)> triagers;
        DailyDigest digest;
        string baseUrl;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<PlatformDbContext>();
            triagers = (await services.GetRequiredService<UserManager<PlatformUser>>().GetUsersInRoleAsync(Roles.Triager))
                .Where(u => u.DisabledAt is null && u.Email is not null)
                .Select(u => (u.Id, u.Email!))
                .ToList();
            // Nobody to tell, or everyone told today: the reports need not be opened.
            var ids = triagers.Select(t => t.Id).ToList();
            int told = await db.Digests.CountAsync(d => ids.Contains(d.UserId) && d.LastDay >= day, cancellationToken);
            if (triagers.Count == 0 || told == triagers.Count)
            {
                return 0;
            }

            var reports = services.GetRequiredService<ReportService>();
            var states = new[] { ReportState.New }.Concat(DisclosureClocks.PublicationClockStates).Select(ReportWorkflow.StateName).ToList();
            var records = await db.Reports.AsNoTracking().Where(r => states.Contains(r.State)).ToListAsync(cancellationToken);
            var recordIds = records.Select(r => r.Id).ToList();
            var participants = (await db.ReportParticipants.AsNoTracking().Where(p => recordIds.Contains(p.ReportId)).ToListAsync(cancellationToken)).ToLookup(p => p.ReportId);
            digest = DailyDigest.Build(records.Select(r => reports.ToDomain(r, participants[r.Id])), policy, now);
            baseUrl = services.GetRequiredService<AccountLinks>().BaseUrl(null);
        }

        int sent = 0;
        foreach (var (userId, email) in triagers)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"INSERT INTO platform_digests (\"UserId\") VALUES ({userId}) ON CONFLICT DO NOTHING", cancellationToken);
            int claimed = await db.Digests
                .Where(d => d.UserId == userId && (d.LastDay == null || d.LastDay < day))
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LastDay, day), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            if (!digest.IsEmpty)
            {
                outbox.Enqueue(email, DailyDigestMail.Subject(digest), DailyDigestMail.Body(digest, baseUrl));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            outbox.Wake();
            sent++;
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance changed the same rows while {Work}; the next pass looks again")]
    private static partial void LogRace(ILogger logger, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {ReportId} was due for publication at its deadline but was not published: {Code}")]
    private static partial void LogNotPublished(ILogger logger, Guid reportId, WorkflowErrorCode code);
}
