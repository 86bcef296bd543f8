using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Governance.Members;
using Vigil.Governance.Rules;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Offboarding;

/// <summary>What one pass of the activity checks did.</summary>
/// <param name="Asked">Checks asked for the current cycle.</param>
/// <param name="Reminded">Reminders sent.</param>
/// <param name="Emeritus">Members moved to emeritus.</param>
/// <param name="Left">Emeritus members moved to left after the grace period.</param>
public sealed record OffboardingPassResult(int Asked, int Reminded, int Emeritus, int Left);

/// <summary>
/// One pass of the group's activity checks at a given time (issue 7): at the start of every cycle each active member
/// who joined before it is asked once; an unanswered check is reminded after <see cref="GroupRules.ReminderDays"/> and
/// ends in emeritus after <see cref="GroupRules.EmeritusDays"/>; an emeritus member who has not come back within
/// <see cref="GroupRules.ReturnGraceDays"/> has left. Each step runs in its own scope and transaction and claims its row,
/// so several instances may run passes at once (a lost race is a <see cref="DbUpdateException"/> or a claim of 0 rows).
/// </summary>
public sealed partial class OffboardingPass(IServiceScopeFactory scopes, IOptions<OffboardingSettings> settings, ILogger<OffboardingPass> logger)
{
    /// <summary>Runs one pass at <paramref name="now"/> (the worker passes its clock's time).</summary>
    public async Task<OffboardingPassResult> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var at = now.UtcDateTime;
        List<long> toAsk = [];
        List<long> toRemind;
        List<long> toEmeritus;
        List<long> toLeave;
        DateTime? cycle;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var rules = scope.ServiceProvider.GetRequiredService<GroupRules>();
            var epoch = settings.Value.Epoch is { } configured
                ? DateTime.SpecifyKind(configured, DateTimeKind.Utc)
                : await db.GroupMembers.MinAsync(m => (DateTime?)m.JoinedAt, cancellationToken);
            cycle = epoch is null ? null : ActivityCycle.StartAt(epoch.Value, rules.ActivityCheckMonths, at);
            if (cycle is { } start)
            {
                toAsk = await db.GroupMembers.AsNoTracking()
                    .Where(m => m.Status == MemberStatus.Active && m.JoinedAt < start)
                    .Where(m => !db.ActivityChecks.Any(c => c.MemberId == m.Id && c.CycleStartedAt == start))
                    .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
            }

            var emeritusDue = at.AddDays(-rules.EmeritusDays);
            var reminderDue = at.AddDays(-rules.ReminderDays);
            var open = db.ActivityChecks.AsNoTracking().Where(c => c.ConfirmedAt == null && c.EmeritusAt == null)
                .Where(c => db.GroupMembers.Any(m => m.Id == c.MemberId && m.Status == MemberStatus.Active));
            toEmeritus = await open.Where(c => c.AskedAt <= emeritusDue).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
            toRemind = await open.Where(c => c.AskedAt <= reminderDue && c.AskedAt > emeritusDue && c.RemindedAt == null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
            var graceStart = at.AddDays(-rules.ReturnGraceDays);
            toLeave = await db.GroupMembers.AsNoTracking()
                .Where(m => m.Status == MemberStatus.Emeritus && m.EmeritusSince != null && m.EmeritusSince <= graceStart)
                .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        }

        int left = await EachAsync(toLeave, (s, id) => s.LeftAsync(id, cancellationToken), "moving to left");
        int emeritus = await EachAsync(toEmeritus, (s, id) => s.EmeritusAsync(id, cancellationToken), "moving to emeritus");
        int reminded = await EachAsync(toRemind, (s, id) => s.RemindAsync(id, cancellationToken), "reminding");
        int asked = cycle is { } c2 ? await EachAsync(toAsk, (s, id) => s.AskAsync(id, c2, cancellationToken), "asking") : 0;
        return new OffboardingPassResult(asked, reminded, emeritus, left);
    }

    // A scope per step: a save that lost a race leaves its context unusable.
    private async Task<int> EachAsync(List<long> ids, Func<OffboardingService, long, Task<bool>> step, string work)
    {
        int done = 0;
        foreach (long id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                if (await step(scope.ServiceProvider.GetRequiredService<OffboardingService>(), id))
                {
                    done++;
                }
            }
            catch (DbUpdateException)
            {
                LogRace(logger, work);
            }
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance changed the same rows while {Work}; the next pass looks again")]
    private static partial void LogRace(ILogger logger, string work);
}
