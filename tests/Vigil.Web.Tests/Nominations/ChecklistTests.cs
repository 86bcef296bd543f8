using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Governance;
using Vigil.Governance.Members;
using Vigil.Web.Features.Nominations;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Nominations;

/// <summary>The nominee's onboarding checklist: the code of conduct, two-factor on; membership starts when both are done, the cap checked then.</summary>
public sealed class ChecklistTests
{
    private const string Conduct = "https://example.org/wg/code-of-conduct";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Membership_starts_when_the_code_of_conduct_is_accepted_and_two_factor_is_on(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine, new() { ["Vigil:Nominations:CodeOfConductUrl"] = Conduct });
        // Two members already, so that a third from Acme is within the cap (1 of 3; in a group of 1 or 2, 1/3 allows none).
        await GroupSteps.SeedAsync(factory, "m", "Globex", "Initech");
        long id;
        using (var first = await GroupSteps.PersonAsync(factory, "nominator@example.org"))
        using (var firstNominee = await GroupSteps.PersonAsync(factory, "nominee@example.org"))
        {
            (_, _, id) = await NominationSteps.NominateAsync(first, "nominee@example.org", employer: "Acme");

            // Before the window has passed there is no checklist; and never for anyone but the nominee.
            var (early, _) = await firstNominee.GetAsync($"/nominations/{id}/checklist");
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        await NominationSteps.OnboardingAsync(factory, id);
        using var nominator = await GroupSteps.PersonAsync(factory, "nominator@example.org", create: false); // sessions last 8 hours
        using var nominee = await GroupSteps.PersonAsync(factory, "nominee@example.org", create: false);
        var (other, _) = await nominator.GetAsync($"/nominations/{id}/checklist");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        await nominator.GetAsync("/nominations"); // a form token of the signed-in session
        var (otherPost, _) = await nominator.PostAsync($"/nominations/{id}/checklist?handler=Accept", [], withToken: true);
        Assert.Equal(HttpStatusCode.NotFound, otherPost.StatusCode);

        var (open, page) = await nominee.GetAsync($"/nominations/{id}/checklist");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains($"href=\"{Conduct}\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/two-factor\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Start my membership", page, StringComparison.Ordinal);

        // The code of conduct first: two-factor is still off, so no membership yet.
        var (accepted, acceptedBody) = await nominee.PostAsync($"/nominations/{id}/checklist?handler=Accept", [], withToken: true);
        GroupSteps.Redirected(accepted, acceptedBody, $"/nominations/{id}/checklist");
        var record = await NominationSteps.NominationAsync(factory, id);
        Assert.Equal(NominationState.Onboarding, record.State);
        Assert.NotNull(record.CodeOfConductAcceptedAt);
        Assert.DoesNotContain(await GroupSteps.MembersAsync(factory), m => m.Handle == "nominee");
        var (_, stillPage) = await nominee.GetAsync($"/nominations/{id}/checklist");
        Assert.DoesNotContain("Start my membership", stillPage, StringComparison.Ordinal);

        // Two-factor turned on (read from the account): the checklist is complete.
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PlatformUser>>();
            var user = (await users.FindByEmailAsync("nominee@example.org"))!;
            TotpSecrets.Set(user, Totp.NewSecret(), services.GetRequiredService<SecretCipher>());
            user.TwoFactorEnabled = true;
            return await users.UpdateAsync(user);
        });
        var (_, readyPage) = await nominee.GetAsync($"/nominations/{id}/checklist");
        Assert.Contains("Start my membership", readyPage, StringComparison.Ordinal);
        var (completed, completedBody) = await nominee.PostAsync($"/nominations/{id}/checklist?handler=Complete", [], withToken: true);
        GroupSteps.Redirected(completed, completedBody, $"/nominations/{id}/checklist");

        record = await NominationSteps.NominationAsync(factory, id);
        Assert.Equal(NominationState.Completed, record.State);
        var member = Assert.Single(await GroupSteps.MembersAsync(factory), m => m.Handle == "nominee");
        Assert.Equal((MemberStatus.Active, "nominee", "Acme", (long?)id, false), (member.Status, member.Handle, member.Employer, member.NominationId, member.TriageTeam));
        Assert.Equal(record.CodeOfConductAcceptedAt, member.CodeOfConductAcceptedAt);
        var (_, done) = await nominee.GetAsync($"/nominations/{id}/checklist");
        Assert.Contains("Your membership started", done, StringComparison.Ordinal);
        using var anonymous = factory.Browser();
        var (_, members) = await anonymous.GetAsync("/members");
        Assert.Contains("Nominee Person nominee Acme member", GroupSteps.Text(members), StringComparison.Ordinal);
        Assert.Contains($"joined by nomination {id}: nominee, employer Acme", (await GroupSteps.AuditAsync(factory, GroupAuditActions.MemberChanged)).Select(a => a.Detail));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_employer_cap_is_checked_when_the_checklist_completes_and_the_nomination_waits_in_onboarding(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var seeded = await GroupSteps.SeedAsync(factory, "m", "Acme", "Acme", "Acme", "B1", "B2", "B3", "B4", "B5", "B6");
        using var nominator = await GroupSteps.PersonAsync(factory, "nominator@example.org");
        string secret = Totp.NewSecret();
        await factory.CreateUserAsync("nominee@example.org", [Roles.Reporter], secret);
        var (_, _, id) = await NominationSteps.NominateAsync(nominator, "nominee@example.org", employer: "ACME");
        await NominationSteps.OnboardingAsync(factory, id);
        using var nominee = await GroupSteps.TwoFactorAsync(factory, "nominee@example.org", secret);

        // Two-factor is already on: accepting the code of conduct completes the list, and the cap refuses a 4th of 10.
        await nominee.GetAsync($"/nominations/{id}/checklist");
        var (refused, body) = await nominee.PostAsync($"/nominations/{id}/checklist?handler=Accept", [], withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("the employer cap would be breached: Acme would have 4 of 10 active members, and at most 3 (1/3) may share an employer.", GroupSteps.Text(body), StringComparison.Ordinal);
        Assert.Equal(NominationState.Onboarding, (await NominationSteps.NominationAsync(factory, id)).State);
        Assert.Equal(9, (await GroupSteps.MembersAsync(factory)).Count);

        // An Acme member leaves: 3 of 9 would be allowed, and the membership starts.
        await factory.QueryAsync(async db =>
        {
            (await db.GroupMembers.FindAsync(seeded[0].Id))!.Status = MemberStatus.Left;
            return await db.SaveChangesAsync();
        });
        var (completed, completedBody) = await nominee.PostAsync($"/nominations/{id}/checklist?handler=Complete", [], withToken: true);
        Assert.True(completed.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(completedBody));
        Assert.Equal(NominationState.Completed, (await NominationSteps.NominationAsync(factory, id)).State);
        Assert.Equal(3, (await GroupSteps.MembersAsync(factory)).Count(m => m.Status == MemberStatus.Active && m.Employer!.Equals("acme", StringComparison.OrdinalIgnoreCase)));
    }
}
