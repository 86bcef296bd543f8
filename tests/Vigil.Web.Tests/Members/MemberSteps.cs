using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Governance.Members;
using Vigil.Web.Features.Members;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Members;

/// <summary>The steps the group tests share: members in the database, people signed in, the roster's forms.</summary>
internal static partial class MemberSteps
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

        await factory.QueryAsync(async db =>
        {
            db.GroupMembers.AddRange(added);
            return await db.SaveChangesAsync();
        });
        return added;
    }

    /// <summary>An administrator with the second factor, signed in through the pages.</summary>
    public static async Task<TestBrowser> AdminAsync(PlatformFactory factory, string email = "admin@example.org", Func<TestBrowser>? client = null)
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

    /// <summary>Asserts that a form was accepted: a redirect to <paramref name="path"/> (not to the sign-in page).</summary>
    public static void Redirected(HttpResponseMessage response, string body, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Text(body)}");
        Assert.Equal(path, response.Headers.Location!.OriginalString);
    }

    /// <summary>Submits the roster's form to add a member.</summary>
    public static Task<(HttpResponseMessage Response, string Body)> AddAsync(TestBrowser admin, string account, string name, string handle, string? employer) =>
        admin.SubmitAsync("/admin/members", new() { ["account"] = account, ["name"] = name, ["handle"] = handle, ["employer"] = employer ?? string.Empty }, "/admin/members?handler=Add");

    /// <summary>The membership rows, by id.</summary>
    public static Task<List<GroupMemberRecord>> MembersAsync(PlatformFactory factory) =>
        factory.QueryAsync(db => db.GroupMembers.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>The audit log's entries with this action, oldest first.</summary>
    public static Task<List<AuditRecord>> AuditAsync(PlatformFactory factory, string action) =>
        factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Sequence).ToListAsync());

    /// <summary>The page's alert text with the markup taken out and spaces collapsed.</summary>
    public static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
