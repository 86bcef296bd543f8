using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Governance.Members;
using Vigil.Web.Features.Members;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Tests.Support;

/// <summary>
/// The steps the working group's tests share (members, offboarding, triage team, nominations, meetings, and their
/// browser stories): members written to the roster's table, people and administrators signed in, the roster's forms,
/// and what the database and the audit log hold afterwards.
/// </summary>
internal static partial class GroupSteps
{
    /// <summary>
    /// Active members with these employers (null: none), one account each (<c>m1@example.org</c>, …, with a
    /// <paramref name="prefix"/>), written straight to the table as the first members would have been added.
    /// </summary>
    public static async Task<List<GroupMemberRecord>> SeedAsync(PlatformFactory factory, string prefix, params string?[] employers)
    {
        var added = new List<GroupMemberRecord>();
        for (int i = 0; i < employers.Length; i++)
        {
            var user = await factory.CreateUserAsync($"{prefix}{i + 1}@example.org");
            added.Add(new GroupMemberRecord
            {
                UserId = user.Id,
                DisplayName = $"Member {prefix}{i + 1}",
                Handle = $"{prefix}{i + 1}",
                Employer = employers[i],
                Status = MemberStatus.Active,
                JoinedAt = factory.Time.GetUtcNow().UtcDateTime,
            });
        }

        await WriteAsync(factory, added);
        return added;
    }

    /// <summary>
    /// A member by name (account <c>name@example.org</c>, see <see cref="Email"/>), active, joined at the clock's now,
    /// with the code of conduct accepted and the triager role synced as the roster syncs it; returns the row.
    /// </summary>
    public static async Task<GroupMemberRecord> MemberAsync(PlatformFactory factory, string name, string? employer = null, bool triageTeam = false, bool privacyAccepted = false)
    {
        var user = await factory.CreateUserAsync(Email(name), [Roles.Reporter]);
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

    /// <summary>The e-mail address of a member made by <see cref="MemberAsync"/>.</summary>
    public static string Email(string name) => name.ToLowerInvariant() + "@example.org";

    /// <summary>A signed-in person without a second factor (an account is created unless <paramref name="create"/> is false).</summary>
    public static async Task<TestBrowser> PersonAsync(PlatformFactory factory, string email, bool create = true)
    {
        if (create)
        {
            await factory.CreateUserAsync(email);
        }

        var browser = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).StatusCode);
        return browser;
    }

    /// <summary>A new account and, unless <paramref name="status"/> is null, its membership in that status; returns it signed in.</summary>
    public static async Task<TestBrowser> PersonAsync(PlatformFactory factory, string email, MemberStatus? status)
    {
        var user = await factory.CreateUserAsync(email);
        if (status is { } s)
        {
            await WriteAsync(factory, [new GroupMemberRecord
            {
                UserId = user.Id, DisplayName = "Name of " + email, Handle = email.Split('@')[0], Status = s, JoinedAt = factory.Time.GetUtcNow().UtcDateTime,
            }]);
        }

        return await PersonAsync(factory, email, create: false);
    }

    /// <summary>The member made by <see cref="MemberAsync"/> under this name, signed in (members need no second factor unless they are triagers).</summary>
    public static Task<TestBrowser> SignedInAsync(PlatformFactory factory, string name) => PersonAsync(factory, Email(name), create: false);

    /// <summary>An administrator with the second factor, signed in through the pages (in a browser from <paramref name="client"/> when given).</summary>
    public static async Task<TestBrowser> AdministratorAsync(PlatformFactory factory, string email = "admin@example.org", Func<TestBrowser>? client = null)
    {
        string secret = Totp.NewSecret();
        await factory.CreateUserAsync(email, [Roles.Administrator], secret);
        return await TwoFactorAsync(factory, email, secret, client);
    }

    /// <summary>Signs in an account with the second factor on, through the password and the code pages.</summary>
    public static async Task<TestBrowser> TwoFactorAsync(PlatformFactory factory, string email, string secret, Func<TestBrowser>? client = null)
    {
        var browser = client?.Invoke() ?? factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).StatusCode);
        var (second, body) = await browser.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = Totp.Code(Base32.Decode(secret)!, Totp.StepAt(factory.Time.GetUtcNow())) });
        Assert.True(second.StatusCode == HttpStatusCode.Redirect, body);
        return browser;
    }

    /// <summary>Submits the roster's form to add a member.</summary>
    public static Task<(HttpResponseMessage Response, string Body)> AddAsync(TestBrowser admin, string account, string name, string handle, string? employer) =>
        admin.SubmitAsync("/admin/members", new() { ["account"] = account, ["name"] = name, ["handle"] = handle, ["employer"] = employer ?? string.Empty }, "/admin/members?handler=Add");

    /// <summary>Asserts that a form was accepted: a redirect to <paramref name="path"/> (not to the sign-in page).</summary>
    public static void Redirected(HttpResponseMessage response, string body, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Text(body)}");
        Assert.Equal(path, response.Headers.Location!.OriginalString);
    }

    /// <summary>The membership rows, by id.</summary>
    public static Task<List<GroupMemberRecord>> MembersAsync(PlatformFactory factory) =>
        factory.QueryAsync(db => db.GroupMembers.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>One member's row as stored now.</summary>
    public static Task<GroupMemberRecord> RowAsync(PlatformFactory factory, long id) =>
        factory.QueryAsync(db => db.GroupMembers.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Whether the member's account holds the triager role.</summary>
    public static Task<bool> IsTriagerAsync(PlatformFactory factory, GroupMemberRecord member) => factory.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        return await users.IsInRoleAsync((await users.FindByIdAsync(member.UserId))!, Roles.Triager);
    });

    /// <summary>The audit log's entries with this action, oldest first.</summary>
    public static Task<List<AuditRecord>> AuditAsync(PlatformFactory factory, string action) =>
        factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Sequence).ToListAsync());

    /// <summary>The page's alert text with the markup taken out and spaces collapsed.</summary>
    public static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    private static Task<int> WriteAsync(PlatformFactory factory, IEnumerable<GroupMemberRecord> rows) => factory.QueryAsync(db =>
    {
        db.GroupMembers.AddRange(rows);
        return db.SaveChangesAsync();
    });

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
