using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Governance;
using Vigil.Governance.Members;
using Vigil.Governance.Rules;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Members;

/// <summary>
/// The administrators' roster (issue 7): adding a member for an existing account, changing an employer and marking a
/// member as left, with the employer cap (at most 1/3 of the active members from one employer) checked on every
/// change and any breach shown at once.
/// </summary>
public sealed class RosterTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_cap_lets_a_third_member_from_one_employer_into_a_group_of_9_and_refuses_a_fourth_into_10(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await GroupSteps.SeedAsync(factory, "m", "Acme", "Acme", "B1", "B2", "B3", "B4", null, null);
        using var admin = await GroupSteps.AdministratorAsync(factory);
        await factory.CreateUserAsync("ninth@example.org");
        await factory.CreateUserAsync("tenth@example.org");

        // The 9th member, the 3rd from Acme: 3 ≤ 9/3.
        var (ninth, ninthBody) = await GroupSteps.AddAsync(admin, "ninth@example.org", "Ninth Person", "@ninth", " acme ");
        Assert.True(ninth.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(ninthBody));
        var added = Assert.Single(await GroupSteps.MembersAsync(factory), m => m.Handle == "ninth");
        Assert.Equal("acme", added.Employer);
        Assert.Equal(MemberStatus.Active, added.Status);

        // The 10th, a 4th from Acme: 4 > 10/3 = 3. Refused, naming the employer and the numbers; nothing stored.
        var (tenth, tenthBody) = await GroupSteps.AddAsync(admin, "tenth@example.org", "Tenth Person", "tenth", "ACME");
        Assert.Equal(HttpStatusCode.BadRequest, tenth.StatusCode);
        Assert.Contains("the employer cap would be breached: Acme would have 4 of 10 active members, and at most 3 (1/3) may share an employer.", GroupSteps.Text(tenthBody), StringComparison.Ordinal);
        Assert.Equal(9, (await GroupSteps.MembersAsync(factory)).Count);

        // The same person with another employer is the 10th member.
        var (other, otherBody) = await GroupSteps.AddAsync(admin, "tenth@example.org", "Tenth Person", "tenth", "Globex");
        Assert.True(other.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(otherBody));
        Assert.Equal(10, (await GroupSteps.MembersAsync(factory)).Count(m => m.Status == MemberStatus.Active));
        var entries = await GroupSteps.AuditAsync(factory, GroupAuditActions.MemberChanged);
        Assert.Equal(["added: ninth, employer acme", "added: tenth, employer Globex"], entries.Select(e => e.Detail));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Adding_names_each_wrong_field_and_refuses_an_unknown_account_or_a_member_twice(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var seeded = await GroupSteps.SeedAsync(factory, "m", "Acme");
        using var admin = await GroupSteps.AdministratorAsync(factory);

        var (blank, blankBody) = await GroupSteps.AddAsync(admin, "nobody@example.org", "", "has space", new string('x', 101));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        string text = GroupSteps.Text(blankBody);
        Assert.Contains("account: no account has this e-mail address or user name", text, StringComparison.Ordinal);
        Assert.Contains("name: is required", text, StringComparison.Ordinal);
        Assert.Contains("handle: may hold only letters, digits", text, StringComparison.Ordinal);
        Assert.Contains("employer: is 101 characters long; at most 100 are allowed", text, StringComparison.Ordinal);

        var (twice, twiceBody) = await GroupSteps.AddAsync(admin, "m1@example.org", "Again", "again", null);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("account: is already an active member", GroupSteps.Text(twiceBody), StringComparison.Ordinal);
        Assert.Equal([seeded[0].Id], (await GroupSteps.MembersAsync(factory)).Select(m => m.Id));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task An_employer_change_is_checked_against_the_cap(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var seeded = await GroupSteps.SeedAsync(factory, "m", "Acme", "Acme", "Acme", "B1", "B2", "B3", "B4", "B5", "B6");
        using var admin = await GroupSteps.AdministratorAsync(factory);

        // A 4th Acme member in a group of 9 (at most 3): refused.
        var (refused, body) = await admin.SubmitAsync("/admin/members", new() { ["member"] = seeded[3].Id.ToString(), ["employer"] = "acme" }, "/admin/members?handler=Employer");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Acme would have 4 of 9 active members, and at most 3 (1/3) may share an employer.", GroupSteps.Text(body), StringComparison.Ordinal);
        Assert.Equal("B1", (await GroupSteps.MembersAsync(factory))[3].Employer);

        // An Acme member moving within Acme's count (to another name, then to none) is allowed.
        var (moved, movedBody) = await admin.SubmitAsync("/admin/members", new() { ["member"] = seeded[0].Id.ToString(), ["employer"] = "Initech" }, "/admin/members?handler=Employer");
        Assert.True(moved.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(movedBody));
        var (now4, now4Body) = await admin.SubmitAsync("/admin/members", new() { ["member"] = seeded[3].Id.ToString(), ["employer"] = "ACME" }, "/admin/members?handler=Employer");
        Assert.True(now4.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(now4Body));
        var rows = await GroupSteps.MembersAsync(factory);
        Assert.Equal(["Initech", "Acme", "Acme", "ACME"], rows.Take(4).Select(m => m.Employer));
        Assert.Contains("employer: B1 -> ACME", (await GroupSteps.AuditAsync(factory, GroupAuditActions.MemberChanged)).Select(e => e.Detail));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_member_leaving_or_a_rules_change_shows_the_breach_on_the_roster_at_once(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var seeded = await GroupSteps.SeedAsync(factory, "m", "Acme", "Acme", "Acme", "B1", "B2", "B3", "B4", "B5", "B6");
        using var admin = await GroupSteps.AdministratorAsync(factory);
        var (before, beforeBody) = await admin.GetAsync("/admin/members");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.DoesNotContain("The employer cap is breached", beforeBody, StringComparison.Ordinal);
        Assert.Contains("9 active members; at most 3 may share an employer.", GroupSteps.Text(beforeBody), StringComparison.Ordinal);

        // 3 of 8 is more than 8/3 = 2.
        var (left, leftBody) = await admin.SubmitAsync("/admin/members", new() { ["member"] = seeded[8].Id.ToString() }, "/admin/members?handler=Left");
        Assert.True(left.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(leftBody));
        var (after, afterBody) = await admin.GetAsync("/admin/members");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("The employer cap is breached. Acme has 3 of 8 active members; at most 2 (1/3) may share an employer.", GroupSteps.Text(afterBody), StringComparison.Ordinal);
        var gone = (await GroupSteps.MembersAsync(factory))[8];
        Assert.Equal(MemberStatus.Left, gone.Status);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, gone.LeftAt!.Value, TimeSpan.FromMilliseconds(1));

        // The rules change (1/4 instead of 1/3): the same group is in breach as soon as the roster is opened.
        using var strict = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new GroupRules { EmployerShareDenominator = 4 })));
        using var strictAdmin = await GroupSteps.AdministratorAsync(factory, "admin2@example.org", () => new TestBrowser(strict.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://vigil.test"), HandleCookies = true })));
        var (_, strictBody) = await strictAdmin.GetAsync("/admin/members");
        Assert.Contains("The employer cap is breached. Acme has 3 of 8 active members; at most 2 (1/4) may share an employer.", GroupSteps.Text(strictBody), StringComparison.Ordinal);
        await GroupSteps.SeedAsync(factory, "n", "B7", "B8", "B9", "B10");
        var (_, twelve) = await strictAdmin.GetAsync("/admin/members");
        Assert.DoesNotContain("The employer cap is breached", twelve, StringComparison.Ordinal);
        Assert.Contains("12 active members; at most 3 may share an employer.", GroupSteps.Text(twelve), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_public_members_page_lists_active_and_emeritus_members_encoded_and_not_those_who_left(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var seeded = await GroupSteps.SeedAsync(factory, "m", "<script>alert(1)</script>", "Acme", "Gone Inc");
        await factory.QueryAsync(async db =>
        {
            (await db.GroupMembers.FindAsync(seeded[1].Id))!.Status = MemberStatus.Emeritus;
            var triage = (await db.GroupMembers.FindAsync(seeded[0].Id))!;
            triage.TriageTeam = true;
            (await db.GroupMembers.FindAsync(seeded[2].Id))!.Status = MemberStatus.Left;
            return await db.SaveChangesAsync();
        });

        using var anonymous = factory.Browser();
        var (page, body) = await anonymous.GetAsync("/members");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body, StringComparison.Ordinal);
        string text = GroupSteps.Text(body);
        Assert.Contains("Member m1 m1 <script>alert(1)</script> triage team", text, StringComparison.Ordinal);
        Assert.Contains("Emeritus Name Handle Employer Role Member m2 m2 Acme emeritus", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Gone Inc", text, StringComparison.Ordinal);
    }
}
