using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Web.Features.Nominations;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Nominations;

/// <summary>
/// The objection window (issue 7): 7 days on the platform's clock; active members object while it is open; a
/// standing objection blocks the nomination until withdrawn; the pass moves a nomination whose window passed with no
/// standing objection to onboarding and e-mails the nominee.
/// </summary>
public sealed class WindowTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task An_objection_a_second_before_the_7_day_window_closes_is_accepted_and_one_at_the_close_is_refused(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await GroupSteps.SeedAsync(factory, "m", "Acme", "Globex");
        await factory.CreateUserAsync("nominee@example.org");
        using var nominator = await GroupSteps.PersonAsync(factory, "nominator@example.org");
        var (created, createdBody, id) = await NominationSteps.NominateAsync(nominator, "nominee@example.org");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(createdBody));
        var record = await NominationSteps.NominationAsync(factory, id);
        Assert.Equal(TimeSpan.FromDays(7), record.ObjectionsCloseAt - record.OpenedAt);
        var close = await NominationSteps.CloseOfAsync(factory, id);

        // Someone who is not an active member may not object, even with the window open.
        var (outsider, outsiderBody) = await NominationSteps.ObjectAsync(nominator, id, "I object.");
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Contains("objection: only active members may object", GroupSteps.Text(outsiderBody), StringComparison.Ordinal);

        // Sessions last 8 hours: the members sign in after the clock has moved.
        NominationSteps.AdvanceTo(factory, close.AddSeconds(-1));
        using var first = await GroupSteps.PersonAsync(factory, "m1@example.org", create: false);
        using var second = await GroupSteps.PersonAsync(factory, "m2@example.org", create: false);
        var (accepted, acceptedBody) = await NominationSteps.ObjectAsync(first, id, "Not yet active in the WG.");
        GroupSteps.Redirected(accepted, acceptedBody, $"/nominations/{id}");

        NominationSteps.AdvanceTo(factory, close);
        var (refused, refusedBody) = await NominationSteps.ObjectAsync(second, id, "Too late.");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"objection: the window for objections closed at {close:yyyy-MM-dd HH:mm:ss} UTC", GroupSteps.Text(refusedBody), StringComparison.Ordinal);

        var objections = await factory.QueryAsync(db => db.NominationObjections.AsNoTracking().ToListAsync());
        var objection = Assert.Single(objections);
        Assert.Equal("Not yet active in the WG.", objection.Reason);
        Assert.Equal([$"raised #{objection.Id}"], (await GroupSteps.AuditAsync(factory, GroupAuditActions.Objection)).Select(a => a.Detail));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_window_passing_with_no_objection_opens_the_checklist_and_mails_the_nominee_once(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.CreateUserAsync("nominee@example.org");
        using var nominator = await GroupSteps.PersonAsync(factory, "nominator@example.org");
        var (_, _, id) = await NominationSteps.NominateAsync(nominator, "NOMINEE@example.org");
        var close = await NominationSteps.CloseOfAsync(factory, id);

        NominationSteps.AdvanceTo(factory, close.AddSeconds(-1));
        Assert.Equal(0, await NominationSteps.PassAsync(factory));
        Assert.Equal(NominationState.Open, (await NominationSteps.NominationAsync(factory, id)).State);
        Assert.Empty(await factory.OutboxToAsync("nominee@example.org"));

        NominationSteps.AdvanceTo(factory, close);
        Assert.Equal(1, await NominationSteps.PassAsync(factory));
        var record = await NominationSteps.NominationAsync(factory, id);
        Assert.Equal(NominationState.Onboarding, record.State);
        Assert.Equal(close.UtcDateTime, record.OnboardingAt!.Value, TimeSpan.FromMilliseconds(1));
        var mail = Assert.Single(await factory.OutboxToAsync("nominee@example.org"));
        Assert.Contains($"https://vigil.test/nominations/{id}/checklist", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("onboarding checklist", mail.Subject, StringComparison.Ordinal);

        Assert.Equal(0, await NominationSteps.PassAsync(factory));
        Assert.Single(await factory.OutboxToAsync("nominee@example.org"));
        Assert.Contains("onboarding: the window passed with no standing objection", (await GroupSteps.AuditAsync(factory, GroupAuditActions.Nomination)).Select(a => a.Detail));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_standing_objection_blocks_past_the_window_until_withdrawn_and_only_members_read_it(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await GroupSteps.SeedAsync(factory, "m", "Acme", "Globex");
        await factory.CreateUserAsync("nominee@example.org");
        await factory.CreateUserAsync("stranger@example.org");
        const string Reason = "<b>Conflict</b> of interest.";
        long id;
        using (var firstNominator = await GroupSteps.PersonAsync(factory, "nominator@example.org"))
        using (var firstObjector = await GroupSteps.PersonAsync(factory, "m1@example.org", create: false))
        {
            (_, _, id) = await NominationSteps.NominateAsync(firstNominator, "nominee@example.org");
            var (objected, objectedBody) = await NominationSteps.ObjectAsync(firstObjector, id, Reason);
            GroupSteps.Redirected(objected, objectedBody, $"/nominations/{id}");
        }

        // A day past the window; sessions last 8 hours, so everyone signs in again.
        NominationSteps.AdvanceTo(factory, (await NominationSteps.CloseOfAsync(factory, id)).AddDays(1));
        using var nominator = await GroupSteps.PersonAsync(factory, "nominator@example.org", create: false);
        using var stranger = await GroupSteps.PersonAsync(factory, "stranger@example.org", create: false);
        using var objector = await GroupSteps.PersonAsync(factory, "m1@example.org", create: false);
        using var other = await GroupSteps.PersonAsync(factory, "m2@example.org", create: false);
        Assert.Equal(0, await NominationSteps.PassAsync(factory));
        Assert.Equal(NominationState.Open, (await NominationSteps.NominationAsync(factory, id)).State);

        // Members see it blocked, with the reason (encoded); the nominator sees it blocked; a stranger neither.
        var (_, memberPage) = await other.GetAsync($"/nominations/{id}");
        Assert.Contains("Blocked by an objection", memberPage, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Conflict&lt;/b&gt; of interest.", memberPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Conflict", memberPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdraw my objection", memberPage, StringComparison.Ordinal);
        var (_, partyPage) = await nominator.GetAsync($"/nominations/{id}");
        Assert.Contains("Blocked by an objection", partyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Conflict", partyPage, StringComparison.Ordinal);
        var (_, strangerPage) = await stranger.GetAsync($"/nominations/{id}");
        Assert.Contains("Open for objections", strangerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Conflict", strangerPage, StringComparison.Ordinal);
        var (_, strangerList) = await stranger.GetAsync("/nominations");
        Assert.DoesNotContain("Blocked", strangerList, StringComparison.Ordinal);
        var (_, memberList) = await other.GetAsync("/nominations");
        Assert.Contains("Blocked by an objection", memberList, StringComparison.Ordinal);

        // Only the objector withdraws it; the next pass moves the nomination.
        long objection = await factory.QueryAsync(db => db.NominationObjections.Select(o => o.Id).SingleAsync());
        var (notTheirs, notTheirsBody) = await other.SubmitAsync($"/nominations/{id}", new() { ["objection"] = objection.ToString() }, $"/nominations/{id}?handler=WithdrawObjection");
        Assert.Equal(HttpStatusCode.BadRequest, notTheirs.StatusCode);
        Assert.Contains("objection: you have no such objection to this nomination", GroupSteps.Text(notTheirsBody), StringComparison.Ordinal);
        var (_, objectorPage) = await objector.GetAsync($"/nominations/{id}");
        Assert.Contains("Withdraw my objection", objectorPage, StringComparison.Ordinal);
        var (withdrawn, withdrawnBody) = await objector.PostAsync($"/nominations/{id}?handler=WithdrawObjection", new() { ["objection"] = objection.ToString() }, withToken: true);
        GroupSteps.Redirected(withdrawn, withdrawnBody, $"/nominations/{id}");
        Assert.Equal(NominationState.Open, (await NominationSteps.NominationAsync(factory, id)).State);
        Assert.Equal(1, await NominationSteps.PassAsync(factory));
        Assert.Equal(NominationState.Onboarding, (await NominationSteps.NominationAsync(factory, id)).State);
        Assert.Equal([$"raised #{objection}", $"withdrawn #{objection}"], (await GroupSteps.AuditAsync(factory, GroupAuditActions.Objection)).Select(a => a.Detail));
    }
}
