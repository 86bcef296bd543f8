using Microsoft.Playwright;
using Vigil.Web.Features.Nominations;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Nominations;
using Vigil.Web.Tests.Support;
using Chromium = Vigil.Testing.Browser;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The group's membership in headless Chromium (issue 7): a nomination meets an objection, the objection is withdrawn,
/// the 7-day window passes on the fake clock, the nominee completes the checklist and is a member; and the employer
/// cap refuses a fourth member from one employer in a group of nine on the administrators' roster.
/// </summary>
public sealed class GroupStoryTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_nomination_with_an_objection_becomes_a_membership_after_the_window_and_the_checklist(string engine)
    {
        using var factory = await LiveServer.StartAsync(engine);
        await GroupSteps.SeedAsync(factory, "m", "Acme", "Globex");
        await factory.CreateUserAsync("nominator@example.org");
        string nomineeSecret = Totp.NewSecret();
        await factory.CreateUserAsync("nominee@example.org", [Roles.Reporter], nomineeSecret);
        await using var chromium = await Chromium.LaunchAsync();

        // Someone signed in nominates.
        var nominator = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(nominator, "nominator@example.org");
        await nominator.GotoAsync("/nominations");
        await nominator.GetByRole(AriaRole.Link, new() { Name = "Nominate someone" }).ClickAsync();
        await nominator.WaitForURLAsync("**/nominations/new");
        await nominator.Locator("#nominee").FillAsync("nominee@example.org");
        await nominator.Locator("#name").FillAsync("Nia Nominee");
        await nominator.Locator("#handle").FillAsync("nia");
        await nominator.Locator("#employer").FillAsync("Initech");
        await nominator.Locator("#statement").FillAsync("Nia has fixed <three> advisories this year.");
        await ChromiumSteps.SubmitAsync(nominator, nominator.GetByRole(AriaRole.Button, new() { Name = "Nominate", Exact = true }));
        long id = long.Parse(new Uri(nominator.Url).AbsolutePath["/nominations/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("Open for objections", await StateAsync(nominator));
        Assert.Equal("Nia has fixed <three> advisories this year.", await nominator.Locator(".statement").TextContentAsync());

        // A member objects: the nomination is blocked.
        var member = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(member, "m1@example.org");
        await member.GotoAsync($"/nominations/{id}");
        await member.Locator("#reason").FillAsync("Please wait until after the audit.");
        await ChromiumSteps.SubmitAsync(member, member.GetByRole(AriaRole.Button, new() { Name = "Object", Exact = true }));
        Assert.Equal("Blocked by an objection", await StateAsync(member));
        Assert.Equal("Please wait until after the audit.", await member.Locator("#objections .reason").TextContentAsync());

        // The 7 days pass on the fake clock: still blocked.
        NominationSteps.AdvanceTo(factory, (await NominationSteps.CloseOfAsync(factory, id)).AddMinutes(1));
        Assert.Equal(0, await NominationSteps.PassAsync(factory));
        await ChromiumSteps.SignInAsync(member, "m1@example.org"); // the 8-hour session ended with the week
        await member.GotoAsync($"/nominations/{id}");
        Assert.Equal("Blocked by an objection", await StateAsync(member));
        Assert.Equal(0, await member.GetByRole(AriaRole.Button, new() { Name = "Object", Exact = true }).CountAsync());

        // The objection is withdrawn; the next pass opens the checklist.
        await ChromiumSteps.SubmitAsync(member, member.GetByRole(AriaRole.Button, new() { Name = "Withdraw my objection" }));
        Assert.Equal("Open for objections", await StateAsync(member));
        Assert.Equal(1, await NominationSteps.PassAsync(factory));
        Assert.Single(await factory.OutboxToAsync("nominee@example.org"));

        // The nominee (two-factor on) accepts the code of conduct and is a member.
        var nominee = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(nominee, "nominee@example.org", () => Totp.Code(Base32.Decode(nomineeSecret)!, Totp.StepAt(factory.Time.GetUtcNow())));
        Assert.True(await nominee.Locator("li.who").CountAsync() == 1, $"the nominee is not signed in: {nominee.Url}");
        await nominee.GotoAsync($"/nominations/{id}");
        Assert.Equal("Onboarding", await StateAsync(nominee));
        await nominee.GetByRole(AriaRole.Link, new() { Name = "Your onboarding checklist" }).ClickAsync();
        await nominee.WaitForURLAsync($"**/nominations/{id}/checklist");
        Assert.Contains("two-factor authentication is on", await nominee.Locator("li.two-factor").TextContentAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(nominee, $"group-{engine}-checklist");
        await ChromiumSteps.SubmitAsync(nominee, nominee.GetByRole(AriaRole.Button, new() { Name = "I accept the code of conduct" }));
        Assert.StartsWith("Your membership started", (await nominee.Locator("p.done").TextContentAsync())!.Trim(), StringComparison.Ordinal);
        Assert.Equal(NominationState.Completed, (await NominationSteps.NominationAsync(factory, id)).State);

        await nominee.GotoAsync("/members");
        var row = nominee.Locator("table.members tbody tr", new() { HasText = "Nia Nominee" });
        Assert.Equal(["Nia Nominee", "nia", "Initech", "member"], (await row.Locator("td").AllTextContentsAsync()).Select(t => t.Trim()));
        await Chromium.ScreenshotAsync(nominee, $"group-{engine}-members");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_roster_refuses_a_fourth_member_from_one_employer_in_a_group_of_nine(string engine)
    {
        using var factory = await LiveServer.StartAsync(engine);
        await GroupSteps.SeedAsync(factory, "m", "Acme", "Acme", "Acme", "B1", "B2", "B3", "B4", "B5", "B6");
        await factory.CreateUserAsync("fourth@example.org");
        string secret = Totp.NewSecret();
        await factory.CreateUserAsync("admin@example.org", [Roles.Administrator], secret);
        await using var chromium = await Chromium.LaunchAsync();
        var admin = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(admin, "admin@example.org", () => Totp.Code(Base32.Decode(secret)!, Totp.StepAt(factory.Time.GetUtcNow())));

        await admin.GotoAsync("/admin/members");
        Assert.Contains("9 active members; at most 3 may share an employer.", await admin.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await admin.Locator("#account").FillAsync("fourth@example.org");
        await admin.Locator("#name").FillAsync("Fourth Acme");
        await admin.Locator("#handle").FillAsync("fourth");
        await admin.Locator("#new-employer").FillAsync("Acme");
        await ChromiumSteps.SubmitAsync(admin, admin.GetByRole(AriaRole.Button, new() { Name = "Add member" }));
        string alert = (await admin.Locator("[role=alert]").TextContentAsync())!;
        Assert.Contains("the employer cap would be breached: Acme would have 4 of 10 active members, and at most 3 (1/3) may share an employer.", alert, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(admin, $"group-{engine}-cap-refused");
        Assert.Equal(9, (await GroupSteps.MembersAsync(factory)).Count);
        Assert.Equal(0, await admin.Locator("table.roster tbody tr", new() { HasText = "Fourth Acme" }).CountAsync());
    }

    private static async Task<string?> StateAsync(IPage page) => (await page.Locator("dd.state").TextContentAsync())?.Trim();

    private static async Task<IPage> NewPageAsync(Chromium chromium, PlatformFactory factory)
    {
        var context = await chromium.Instance.NewContextAsync(new() { BaseURL = factory.Url() });
        return await context.NewPageAsync();
    }
}
