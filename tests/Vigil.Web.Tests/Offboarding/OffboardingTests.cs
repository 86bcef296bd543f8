using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Governance;
using Vigil.Governance.Members;
using Vigil.Web.Features.Offboarding;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Offboarding;

/// <summary>Whole activity-check cycles on the fake clock, every number at its edge (the WG's default numbers).</summary>
public sealed partial class OffboardingTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_cycle_asks_once_reminds_at_14_days_and_moves_to_emeritus_at_28_days_with_the_roles_removed_at_once(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var start = factory.Time.GetUtcNow();
        await GroupSteps.MemberAsync(factory, "Ada");
        var ben = await GroupSteps.MemberAsync(factory, "Ben", triageTeam: true, privacyAccepted: true);
        await GroupSteps.MemberAsync(factory, "Cy");
        Assert.True(await GroupSteps.IsTriagerAsync(factory, ben));

        // The first cycle starts 6 months after the first join; not a second before.
        var cycle = start.AddMonths(6);
        AdvanceTo(factory, cycle.AddSeconds(-1));
        Assert.Equal(new OffboardingPassResult(0, 0, 0, 0), await PassAsync(factory));
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        await GroupSteps.MemberAsync(factory, "Dee"); // joined at the cycle's start: asked from the next cycle on
        Assert.Equal(3, (await PassAsync(factory)).Asked);
        Assert.Equal(0, (await PassAsync(factory)).Asked); // once per member per cycle
        Assert.Equal(3, await factory.QueryAsync(db => db.ActivityChecks.CountAsync()));
        Assert.Empty(await factory.OutboxToAsync(GroupSteps.Email("Dee")));

        // Ada confirms without signing in; the link works once.
        string adaLink = LinkOf(Assert.Single(await factory.OutboxToAsync(GroupSteps.Email("Ada"))).TextBody);
        using (var anonymous = factory.Browser())
        {
            var (open, _) = await anonymous.GetAsync(adaLink);
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            var (confirmed, page) = await anonymous.SubmitAsync(adaLink, []);
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("id=\"confirmed\"", page, StringComparison.Ordinal);
            var (again, _) = await anonymous.PostAsync(adaLink, [], withToken: true);
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        // Cy confirms signed in, with the same kind of link.
        using (var cy = await GroupSteps.SignedInAsync(factory, "Cy"))
        {
            var (confirmed, _) = await cy.SubmitAsync(LinkOf(Assert.Single(await factory.OutboxToAsync(GroupSteps.Email("Cy"))).TextBody), []);
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var asked = await factory.QueryAsync(db => db.ActivityChecks.AsNoTracking().SingleAsync(c => c.MemberId == ben.Id));
        string firstLink = LinkOf(Assert.Single(await factory.OutboxToAsync(GroupSteps.Email("Ben"))).TextBody);
        Assert.Equal(SecretTokens.Hash(firstLink[(firstLink.LastIndexOf('/') + 1)..]), asked.TokenHash); // stored as its SHA-256 only

        // The reminder: 14 days less a second, nothing; at 14 days, one, with a new link (the first stops working).
        AdvanceTo(factory, new DateTimeOffset(asked.AskedAt, TimeSpan.Zero).AddDays(14).AddSeconds(-1));
        Assert.Equal(0, (await PassAsync(factory)).Reminded);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await PassAsync(factory)).Reminded);
        Assert.Equal(0, (await PassAsync(factory)).Reminded);
        var benMail = await factory.OutboxToAsync(GroupSteps.Email("Ben"));
        Assert.Equal(2, benMail.Count);
        Assert.Equal(OffboardingMail.ReminderSubject, benMail[1].Subject);
        using (var anonymous = factory.Browser())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(firstLink)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(LinkOf(benMail[1].TextBody))).Response.StatusCode);
        }

        // Emeritus: 28 days less a second, still active and a triager; at 28 days, emeritus, the seat and the role gone at once.
        AdvanceTo(factory, new DateTimeOffset(asked.AskedAt, TimeSpan.Zero).AddDays(28).AddSeconds(-1));
        Assert.Equal(0, (await PassAsync(factory)).Emeritus);
        Assert.Equal(MemberStatus.Active, (await GroupSteps.RowAsync(factory, ben.Id)).Status);
        Assert.True(await GroupSteps.IsTriagerAsync(factory, ben));
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new OffboardingPassResult(0, 0, 1, 0), await PassAsync(factory));
        var row = await GroupSteps.RowAsync(factory, ben.Id);
        Assert.Equal(MemberStatus.Emeritus, row.Status);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, row.EmeritusSince!.Value, TimeSpan.FromMilliseconds(1));
        Assert.False(row.TriageTeam);
        Assert.False(await GroupSteps.IsTriagerAsync(factory, ben));
        var told = (await factory.OutboxToAsync(GroupSteps.Email("Ben")))[^1];
        Assert.Equal(OffboardingMail.EmeritusSubject, told.Subject);
        Assert.Contains("https://vigil.test/members/return", told.TextBody, StringComparison.Ordinal);
        using (var anonymous = factory.Browser())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(LinkOf(benMail[1].TextBody))).Response.StatusCode); // too late to confirm
        }

        // Those who confirmed stay active; nothing more happens this cycle.
        Assert.Equal(MemberStatus.Active, (await factory.QueryAsync(db => db.GroupMembers.AsNoTracking().SingleAsync(m => m.DisplayName == "Ada"))).Status);
        Assert.Equal(new OffboardingPassResult(0, 0, 0, 0), await PassAsync(factory));
        var audit = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Subject == $"member:{ben.Id}").OrderBy(a => a.Sequence).Select(a => a.Action + " " + a.Detail).ToListAsync());
        Assert.Equal(
            [$"{GroupAuditActions.ActivityCheck} asked for the cycle of {cycle:yyyy-MM-dd}", $"{GroupAuditActions.ActivityCheck} reminded", $"{GroupAuditActions.ActivityCheck} no answer: emeritus", $"{GroupAuditActions.TriagerRole} removed"],
            audit);
        Assert.True((await factory.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_return_is_accepted_a_second_before_the_grace_period_ends_and_refused_at_its_end_then_the_member_has_left(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await GroupSteps.MemberAsync(factory, "Ada");
        await GroupSteps.MemberAsync(factory, "Ben", triageTeam: true, privacyAccepted: true);
        await GroupSteps.MemberAsync(factory, "Cy");
        var since = await EmeritusAsync(factory, "Ben", "Cy");

        AdvanceTo(factory, since.AddDays(28).AddSeconds(-1));
        Assert.Equal(0, (await PassAsync(factory)).Left);
        using var ben = await GroupSteps.SignedInAsync(factory, "Ben"); // signed in now: a session does not last four weeks
        using var cy = await GroupSteps.SignedInAsync(factory, "Cy");
        var (page, text) = await ben.GetAsync("/members/return");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"return\"", text, StringComparison.Ordinal);
        var (back, backPage) = await ben.SubmitAsync("/members/return", []);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("id=\"returned\"", backPage, StringComparison.Ordinal);
        var benRow = await factory.QueryAsync(db => db.GroupMembers.AsNoTracking().SingleAsync(m => m.DisplayName == "Ben"));
        Assert.Equal(MemberStatus.Active, benRow.Status);
        Assert.False(benRow.TriageTeam); // the seat comes back only by a vote
        Assert.False(await GroupSteps.IsTriagerAsync(factory, benRow));
        Assert.NotNull(await factory.QueryAsync(db => db.ActivityChecks.Where(c => c.MemberId == benRow.Id).Select(c => c.ReturnedAt).SingleAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.Nominations.CountAsync())); // no nomination

        // Cy tries at the grace period's end, before any pass ran: refused; then the pass moves Cy to left.
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var (late, latePage) = await cy.SubmitAsync("/members/return", []);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("new nomination", latePage, StringComparison.Ordinal);
        Assert.Equal(new OffboardingPassResult(0, 0, 0, 1), await PassAsync(factory));
        var cyRow = await factory.QueryAsync(db => db.GroupMembers.AsNoTracking().SingleAsync(m => m.DisplayName == "Cy"));
        Assert.Equal(MemberStatus.Left, cyRow.Status);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, cyRow.LeftAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Contains("no longer a member", (await cy.GetAsync("/members/return")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await cy.PostAsync("/members/return", [], withToken: true)).Response.StatusCode);

        // An active member who never left has nothing to return from.
        using var ada = await GroupSteps.SignedInAsync(factory, "Ada");
        Assert.Contains("/account/access-denied", (await ada.GetAsync("/members/return")).Response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_that_would_breach_the_employer_cap_is_refused()
    {
        using var factory = new PlatformFactory();
        await GroupSteps.MemberAsync(factory, "Ada", employer: "Acme");
        await GroupSteps.MemberAsync(factory, "Ben", employer: "acme");
        await GroupSteps.MemberAsync(factory, "Cy");
        await GroupSteps.MemberAsync(factory, "Dee");
        await EmeritusAsync(factory, "Ben");

        // Three active members, one from Acme: with Ben back, two of four (at most one may).
        using var ben = await GroupSteps.SignedInAsync(factory, "Ben");
        var (refused, page) = await ben.SubmitAsync("/members/return", []);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("employer cap", page, StringComparison.Ordinal);
        Assert.Equal(MemberStatus.Emeritus, (await factory.QueryAsync(db => db.GroupMembers.AsNoTracking().SingleAsync(m => m.DisplayName == "Ben"))).Status);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Passes_running_at_once_ask_each_member_once(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        foreach (string name in new[] { "Ada", "Ben", "Cy", "Dee", "Eve" })
        {
            await GroupSteps.MemberAsync(factory, name);
        }

        AdvanceTo(factory, factory.Time.GetUtcNow().AddMonths(6));
        var pass = factory.Services.GetRequiredService<OffboardingPass>();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => pass.RunOnceAsync(factory.Time.GetUtcNow(), TestContext.Current.CancellationToken))));
        Assert.Equal(5, results.Sum(r => r.Asked));
        Assert.Equal(5, await factory.QueryAsync(db => db.ActivityChecks.CountAsync()));
        foreach (string name in new[] { "Ada", "Ben", "Cy", "Dee", "Eve" })
        {
            Assert.Single(await factory.OutboxToAsync(GroupSteps.Email(name)));
        }

        // Everyone confirms; the next cycle asks again, once.
        using (var anonymous = factory.Browser())
        {
            foreach (string name in new[] { "Ada", "Ben", "Cy", "Dee", "Eve" })
            {
                Assert.Equal(HttpStatusCode.OK, (await anonymous.SubmitAsync(LinkOf((await factory.OutboxToAsync(GroupSteps.Email(name)))[0].TextBody), [])).Response.StatusCode);
            }
        }

        AdvanceTo(factory, factory.Time.GetUtcNow().AddMonths(6));
        Assert.Equal(5, (await PassAsync(factory)).Asked);
        Assert.Equal(2, await factory.QueryAsync(db => db.ActivityChecks.Select(c => c.CycleStartedAt).Distinct().CountAsync()));
    }

    [Fact]
    public void Cycles_start_at_whole_multiples_of_the_months_after_the_epoch_and_never_at_the_epoch()
    {
        var epoch = new DateTime(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc);
        Assert.Null(ActivityCycle.StartAt(epoch, 6, epoch));
        Assert.Null(ActivityCycle.StartAt(epoch, 6, epoch.AddMonths(6).AddSeconds(-1)));
        Assert.Equal(new DateTime(2026, 7, 31, 12, 0, 0, DateTimeKind.Utc), ActivityCycle.StartAt(epoch, 6, epoch.AddMonths(6)));
        Assert.Equal(new DateTime(2026, 7, 31, 12, 0, 0, DateTimeKind.Utc), ActivityCycle.StartAt(epoch, 6, new DateTime(2027, 1, 31, 11, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc), ActivityCycle.StartAt(epoch, 6, new DateTime(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 4, 30, 12, 0, 0, DateTimeKind.Utc), ActivityCycle.StartAt(epoch, 3, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc))); // a short month
        Assert.Null(ActivityCycle.StartAt(epoch, 6, epoch.AddDays(-1)));
    }

    [Fact]
    public async Task A_configured_epoch_sets_the_cycles()
    {
        // The epoch a year less ten days ago: a cycle began about six months ago, the next begins in ten days.
        var epoch = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddMonths(-12).AddDays(10), DateTimeKind.Utc);
        using var factory = new PlatformFactory(new() { ["Vigil:Offboarding:Epoch"] = epoch.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
        await GroupSteps.MemberAsync(factory, "Ada");
        Assert.Equal(0, (await PassAsync(factory)).Asked); // the running cycle began before Ada joined
        AdvanceTo(factory, new DateTimeOffset(epoch.AddMonths(12), TimeSpan.Zero).AddSeconds(-1));
        Assert.Equal(0, (await PassAsync(factory)).Asked);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await PassAsync(factory)).Asked);
        Assert.Equal(epoch.AddMonths(12), await factory.QueryAsync(db => db.ActivityChecks.Select(c => c.CycleStartedAt).SingleAsync()));
    }

    /// <summary>Runs a cycle until <paramref name="names"/> are emeritus; returns when they became so.</summary>
    internal static async Task<DateTimeOffset> EmeritusAsync(PlatformFactory factory, params string[] names)
    {
        AdvanceTo(factory, factory.Time.GetUtcNow().AddMonths(6));
        Assert.True((await PassAsync(factory)).Asked > 0);
        var members = await factory.QueryAsync(db => db.GroupMembers.AsNoTracking().ToListAsync());
        using (var anonymous = factory.Browser())
        {
            foreach (var member in members.Where(m => !names.Contains(m.DisplayName)))
            {
                await anonymous.SubmitAsync(LinkOf((await factory.OutboxToAsync(GroupSteps.Email(member.DisplayName)))[^1].TextBody), []);
            }
        }

        factory.Time.Advance(TimeSpan.FromDays(28));
        Assert.Equal(names.Length, (await PassAsync(factory)).Emeritus);
        return factory.Time.GetUtcNow();
    }

    /// <summary>The path of the one-time link in a mail.</summary>
    internal static string LinkOf(string body)
    {
        var match = ActivityLink().Match(body);
        Assert.True(match.Success, "no activity link in: " + body);
        return match.Value;
    }

    internal static Task<OffboardingPassResult> PassAsync(PlatformFactory factory) =>
        factory.Services.GetRequiredService<OffboardingPass>().RunOnceAsync(factory.Time.GetUtcNow(), TestContext.Current.CancellationToken);

    internal static void AdvanceTo(PlatformFactory factory, DateTimeOffset when)
    {
        if (when > factory.Time.GetUtcNow())
        {
            factory.Time.SetUtcNow(when);
        }
    }

    [GeneratedRegex(@"/members/activity/[A-Za-z0-9_\-]+")]
    private static partial Regex ActivityLink();
}
