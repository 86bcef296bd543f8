using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Governance.Members;
using Vigil.Web.Features.Members;
using Vigil.Web.Features.TriageTeam;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.TriageTeam;

/// <summary>The triage team follows the group's vote: motions, the electorate, the majority, the privacy rules and the triager role.</summary>
public sealed class TriageTeamTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task An_add_carries_at_a_majority_of_the_electorate_and_the_role_waits_for_the_privacy_rules(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var members = new List<GroupMemberRecord>();
        foreach (string name in new[] { "Ada", "Ben", "Cy", "Dee", "Eve" })
        {
            members.Add(await GroupSteps.MemberAsync(factory, name));
        }

        using var ada = await GroupSteps.SignedInAsync(factory, "Ada");
        var (opened, _) = await OpenAsync(ada, members[4].Id, "add");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var motion = await factory.QueryAsync(db => db.TriageMotions.AsNoTracking().SingleAsync());
        Assert.Equal(5, motion.Electorate);

        // Joined after the opening: not in the electorate, cannot vote, does not change the electorate.
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        await GroupSteps.MemberAsync(factory, "Fay");
        using var fay = await GroupSteps.SignedInAsync(factory, "Fay");
        var (late, latePage) = await VoteAsync(fay, motion.Id, "for");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("electorate", latePage, StringComparison.Ordinal);

        using var ben = await GroupSteps.SignedInAsync(factory, "Ben");
        using var cy = await GroupSteps.SignedInAsync(factory, "Cy");
        using var dee = await GroupSteps.SignedInAsync(factory, "Dee");
        await VoteAsync(ada, motion.Id, "for");
        await VoteAsync(ben, motion.Id, "against");
        await VoteAsync(ben, motion.Id, "for"); // changed while open: one vote, now for
        await VoteAsync(cy, motion.Id, "against");
        Assert.Equal(3, await factory.QueryAsync(db => db.TriageVotes.CountAsync(v => v.MotionId == motion.Id)));
        Assert.Null((await MotionAsync(factory, motion.Id)).DecidedAt); // 2 of 5 for: not yet a majority
        Assert.False((await GroupSteps.RowAsync(factory, members[4].Id)).TriageTeam);

        await VoteAsync(dee, motion.Id, "for"); // 3 of 5: carried at once
        var decided = await MotionAsync(factory, motion.Id);
        Assert.True(decided.Carried);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, decided.DecidedAt!.Value, TimeSpan.FromSeconds(1));
        var eve = await GroupSteps.RowAsync(factory, members[4].Id);
        Assert.True(eve.TriageTeam);
        Assert.Null(eve.PrivacyAcceptedAt);
        Assert.False(await GroupSteps.IsTriagerAsync(factory, eve)); // not before the privacy rules
        var mail = await factory.OutboxToAsync(GroupSteps.Email("Eve"));
        Assert.Contains("https://vigil.test/triage-team/privacy", Assert.Single(mail).TextBody, StringComparison.Ordinal);

        // A decided motion takes no more votes.
        var (after, _) = await VoteAsync(cy, motion.Id, "for");
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);

        using var eveBrowser = await GroupSteps.SignedInAsync(factory, "Eve");
        var (privacy, privacyPage) = await eveBrowser.GetAsync("/triage-team/privacy");
        Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
        Assert.Contains("accept-privacy", privacyPage, StringComparison.Ordinal);
        var (accepted, _) = await eveBrowser.SubmitAsync("/triage-team/privacy", []);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.NotNull((await GroupSteps.RowAsync(factory, eve.Id)).PrivacyAcceptedAt);
        Assert.True(await GroupSteps.IsTriagerAsync(factory, eve));
        var (again, _) = await eveBrowser.SubmitAsync("/triage-team/privacy", []);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode); // nothing left to accept

        var audit = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync());
        // Opened, five votes cast (Ben's change is a vote of its own in the log), carried; the refused votes left no entry.
        Assert.Equal(7, audit.Count(a => a.Action == GroupAuditActions.TriageMotion));
        Assert.Contains(audit, a => a.Action == GroupAuditActions.TriageMotion && a.Detail.StartsWith("carried: 3 for, 1 against, electorate 5", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == GroupAuditActions.TriagerRole && a.Detail == "granted" && a.Subject == $"member:{eve.Id}");
        Assert.True((await factory.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_remove_fails_as_soon_as_a_majority_can_no_longer_be_reached_and_a_carried_remove_takes_the_role_at_once(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var triager = await GroupSteps.MemberAsync(factory, "Ada", triageTeam: true, privacyAccepted: true);
        foreach (string name in new[] { "Ben", "Cy", "Dee" })
        {
            await GroupSteps.MemberAsync(factory, name);
        }

        Assert.True(await GroupSteps.IsTriagerAsync(factory, triager));
        using var ben = await GroupSteps.SignedInAsync(factory, "Ben");
        using var cy = await GroupSteps.SignedInAsync(factory, "Cy");
        using var dee = await GroupSteps.SignedInAsync(factory, "Dee");
        await OpenAsync(ben, triager.Id, "remove");
        var first = await factory.QueryAsync(db => db.TriageMotions.AsNoTracking().SingleAsync());
        Assert.Equal(4, first.Electorate); // a majority of 4 is 3
        var (duplicate, duplicatePage) = await OpenAsync(cy, triager.Id, "remove");
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already open", duplicatePage, StringComparison.Ordinal);

        await VoteAsync(cy, first.Id, "against"); // 3 for are still possible
        Assert.Null((await MotionAsync(factory, first.Id)).DecidedAt);
        await VoteAsync(dee, first.Id, "against"); // at most 2 for: failed
        Assert.False((await MotionAsync(factory, first.Id)).Carried);
        Assert.True((await GroupSteps.RowAsync(factory, triager.Id)).TriageTeam);
        Assert.True(await GroupSteps.IsTriagerAsync(factory, triager));

        await OpenAsync(ben, triager.Id, "remove");
        var second = await factory.QueryAsync(db => db.TriageMotions.AsNoTracking().SingleAsync(m => m.DecidedAt == null));
        await VoteAsync(ben, second.Id, "for");
        await VoteAsync(cy, second.Id, "for");
        Assert.True(await GroupSteps.IsTriagerAsync(factory, triager)); // 2 of 4: not yet
        await VoteAsync(dee, second.Id, "for");
        Assert.True((await MotionAsync(factory, second.Id)).Carried);
        Assert.False((await GroupSteps.RowAsync(factory, triager.Id)).TriageTeam);
        Assert.False(await GroupSteps.IsTriagerAsync(factory, triager)); // at once, in the same request
        Assert.True((await factory.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);
    }

    [Fact]
    public async Task Only_active_members_open_motions_and_vote_and_motions_are_about_active_members()
    {
        using var factory = new PlatformFactory();
        await GroupSteps.MemberAsync(factory, "Ada");
        var ben = await GroupSteps.MemberAsync(factory, "Ben");
        var gone = await GroupSteps.MemberAsync(factory, "Gus");
        await factory.QueryAsync(async db =>
        {
            var row = await db.GroupMembers.SingleAsync(m => m.Id == gone.Id);
            row.Status = MemberStatus.Emeritus;
            return await db.SaveChangesAsync();
        });
        await factory.CreateUserAsync("stranger@example.org", [Roles.Reporter]);

        using var stranger = factory.Browser();
        await stranger.SignInAsync("stranger@example.org");
        var (page, _) = await stranger.GetAsync("/triage-team");
        Assert.Contains("/account/access-denied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await stranger.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync("/triage-team?handler=Open", new() { ["member"] = ben.Id.ToString(), ["change"] = "add" }, withToken: true)).Response.StatusCode);

        using var gus = await GroupSteps.SignedInAsync(factory, "Gus");
        var (emeritusPage, _) = await gus.GetAsync("/triage-team");
        Assert.Contains("/account/access-denied", emeritusPage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await gus.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.NotFound, (await gus.PostAsync("/triage-team?handler=Open", new() { ["member"] = ben.Id.ToString(), ["change"] = "add" }, withToken: true)).Response.StatusCode);

        using var adaBrowser = await GroupSteps.SignedInAsync(factory, "Ada");
        var (aboutEmeritus, text) = await OpenAsync(adaBrowser, gone.Id, "add");
        Assert.Equal(HttpStatusCode.BadRequest, aboutEmeritus.StatusCode);
        Assert.Contains("active members only", text, StringComparison.Ordinal);
        var (notOnTeam, text2) = await OpenAsync(adaBrowser, ben.Id, "remove");
        Assert.Equal(HttpStatusCode.BadRequest, notOnTeam.StatusCode);
        Assert.Contains("not on the triage team", text2, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.TriageMotions.CountAsync()));

        await OpenAsync(adaBrowser, ben.Id, "add");
        long motionId = await factory.QueryAsync(db => db.TriageMotions.Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await gus.PostAsync("/triage-team?handler=Vote", new() { ["motion"] = motionId.ToString(), ["vote"] = "for" }, withToken: true)).Response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.TriageVotes.CountAsync()));
        Assert.Equal(2, (await MotionAsync(factory, motionId)).Electorate); // the emeritus member is not in it
    }

    [Fact]
    public async Task Administrators_appoint_the_first_team_only_while_it_is_below_the_minimum_and_see_the_warning()
    {
        using var factory = new PlatformFactory();
        var members = new List<GroupMemberRecord>();
        foreach (string name in new[] { "Ada", "Ben", "Cy", "Dee", "Eve", "Fay" })
        {
            members.Add(await GroupSteps.MemberAsync(factory, name));
        }

        using var admin = await GroupSteps.AdministratorAsync(factory);
        var (users, usersPage) = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("team-warning", usersPage, StringComparison.Ordinal);
        using var ada = await GroupSteps.SignedInAsync(factory, "Ada");
        Assert.Contains("has 0 members, fewer than the 5", (await ada.GetAsync("/triage-team")).Body, StringComparison.Ordinal);
        var (memberAppoints, _) = await ada.PostAsync("/triage-team?handler=Appoint", new() { ["member"] = members[1].Id.ToString() }, withToken: true);
        Assert.Contains("/account/access-denied", memberAppoints.Headers.Location!.OriginalString, StringComparison.Ordinal);

        for (int i = 0; i < 4; i++)
        {
            var (appointed, _) = await admin.SubmitAsync("/triage-team", new() { ["member"] = members[i].Id.ToString() }, "/triage-team?handler=Appoint");
            Assert.Equal(HttpStatusCode.Redirect, appointed.StatusCode);
            Assert.Contains("has " + (i + 1) + " members", (await admin.GetAsync("/triage-team")).Body, StringComparison.Ordinal);
            Assert.False(await GroupSteps.IsTriagerAsync(factory, members[i])); // the privacy rules first
        }

        // The fifth seat: the team reaches the minimum, the warning goes, and from now on only a vote changes it.
        await admin.SubmitAsync("/triage-team", new() { ["member"] = members[4].Id.ToString() }, "/triage-team?handler=Appoint");
        Assert.DoesNotContain("team-warning", (await admin.GetAsync("/triage-team")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("team-warning", (await admin.GetAsync("/admin/users")).Body, StringComparison.Ordinal);
        var (refused, refusal) = await admin.SubmitAsync("/triage-team", new() { ["member"] = members[5].Id.ToString() }, "/triage-team?handler=Appoint");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("go through a vote", refusal, StringComparison.Ordinal);
        Assert.False((await GroupSteps.RowAsync(factory, members[5].Id)).TriageTeam);

        var audit = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == GroupAuditActions.MemberChanged).ToListAsync());
        Assert.Equal(5, audit.Count(a => a.Detail.Contains("appointed by an administrator", StringComparison.Ordinal)));
        foreach (var member in members.Take(5))
        {
            Assert.Contains("/triage-team/privacy", Assert.Single(await factory.OutboxToAsync(GroupSteps.Email(member.DisplayName))).TextBody, StringComparison.Ordinal);
        }

        Assert.Empty(await factory.OutboxToAsync(GroupSteps.Email("Fay")));
    }

    [Fact]
    public async Task The_users_page_neither_grants_nor_removes_the_triager_role()
    {
        using var factory = new PlatformFactory();
        using var admin = await GroupSteps.AdministratorAsync(factory);
        var plain = await factory.CreateUserAsync("plain@example.org", [Roles.Reporter]);
        var seated = await factory.CreateUserAsync("seated@example.org", [Roles.Triager]);

        var (_, page) = await admin.GetAsync("/admin/users");
        Assert.Contains("follows the triage team", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"roles\" value=\"triager\"", page, StringComparison.Ordinal);

        var (granted, _) = await admin.SubmitAsync("/admin/users", new() { ["id"] = plain.Id, ["roles"] = "triager" }, "/admin/users?handler=Roles");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var (removed, _) = await admin.SubmitAsync("/admin/users", new() { ["id"] = seated.Id, ["roles"] = "maintainer" }, "/admin/users?handler=Roles");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var roles = await factory.QueryAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync());
        Assert.DoesNotContain(roles, r => r.UserId == plain.Id && r.Name == Roles.Triager);
        Assert.DoesNotContain(roles, r => r.UserId == plain.Id && r.Name == Roles.Reporter); // the other roles still change
        Assert.Contains(roles, r => r.UserId == seated.Id && r.Name == Roles.Triager);
        Assert.Contains(roles, r => r.UserId == seated.Id && r.Name == Roles.Maintainer);
    }

    private static Task<(HttpResponseMessage Response, string Body)> OpenAsync(TestBrowser browser, long memberId, string change) =>
        browser.SubmitAsync("/triage-team", new() { ["member"] = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["change"] = change }, "/triage-team?handler=Open");

    private static Task<(HttpResponseMessage Response, string Body)> VoteAsync(TestBrowser browser, long motionId, string vote) =>
        browser.SubmitAsync("/triage-team", new() { ["motion"] = motionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["vote"] = vote }, "/triage-team?handler=Vote");

    private static Task<TriageMotionRecord> MotionAsync(PlatformFactory factory, long id) =>
        factory.QueryAsync(db => db.TriageMotions.AsNoTracking().SingleAsync(m => m.Id == id));
}
