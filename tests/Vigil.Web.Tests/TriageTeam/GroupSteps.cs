using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Governance.Members;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.TriageTeam;

/// <summary>Group members for the triage-team and offboarding tests: rows written as the roster writes them, and their browsers.</summary>
internal static class GroupSteps
{
    /// <summary>Creates an account and an active membership row (joined at the clock's now); returns the row.</summary>
    public static async Task<GroupMemberRecord> MemberAsync(PlatformFactory factory, string name, string? employer = null, bool triageTeam = false, bool privacyAccepted = false)
    {
        string email = Email(name);
        var user = await factory.CreateUserAsync(email, [Roles.Reporter]);
        return await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PlatformDbContext>();
            var now = factory.Time.GetUtcNow().UtcDateTime;
            var member = new GroupMemberRecord
            {
                UserId = user.Id,
                DisplayName = name,
                Handle = name.ToLowerInvariant(),
                Employer = employer,
                Status = MemberStatus.Active,
                TriageTeam = triageTeam,
                PrivacyAcceptedAt = privacyAccepted ? now : null,
                CodeOfConductAcceptedAt = now,
                JoinedAt = now,
            };
            db.GroupMembers.Add(member);
            await db.SaveChangesAsync();
            await services.GetRequiredService<TriagerRole>().SyncAsync(member);
            return member;
        });
    }

    /// <summary>The e-mail address of a test member.</summary>
    public static string Email(string name) => name.ToLowerInvariant() + "@example.org";

    /// <summary>A browser signed in as the member (no second factor: members need none unless they are triagers).</summary>
    public static async Task<TestBrowser> SignedInAsync(PlatformFactory factory, string name)
    {
        var browser = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(Email(name))).StatusCode);
        return browser;
    }

    /// <summary>An administrator with the second factor, signed in.</summary>
    public static async Task<TestBrowser> AdministratorAsync(PlatformFactory factory, string email = "admin@example.org")
    {
        string secret = Totp.NewSecret();
        await factory.CreateUserAsync(email, [Roles.Administrator], secret);
        var browser = factory.Browser();
        await browser.SignInAsync(email);
        string code = Totp.Code(Base32.Decode(secret), Totp.StepAt(factory.Time.GetUtcNow()));
        var (response, _) = await browser.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>The member's row as stored now.</summary>
    public static Task<GroupMemberRecord> RowAsync(PlatformFactory factory, long id) =>
        factory.QueryAsync(db => db.GroupMembers.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Whether the member's account holds the triager role.</summary>
    public static Task<bool> IsTriagerAsync(PlatformFactory factory, GroupMemberRecord member) => factory.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        return await users.IsInRoleAsync((await users.FindByIdAsync(member.UserId))!, Roles.Triager);
    });
}
