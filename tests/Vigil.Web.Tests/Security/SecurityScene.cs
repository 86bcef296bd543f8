using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Disclosure.Reports;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>Who asks. Flags, so that a matrix entry names a set of actors in one expression.</summary>
[Flags]
internal enum Actors
{
    None = 0,

    /// <summary>No cookie, no token.</summary>
    Anonymous = 1,

    /// <summary>A signed-in reporter with no relation to the report.</summary>
    Stranger = 2,

    /// <summary>The report's reporter.</summary>
    Reporter = 4,

    /// <summary>A maintainer invited to the report.</summary>
    Maintainer = 8,

    /// <summary>A maintainer of another report.</summary>
    OtherMaintainer = 16,

    /// <summary>A triager, signed in with the second factor.</summary>
    Triager = 32,

    /// <summary>An administrator, signed in with the second factor.</summary>
    Admin = 64,

    /// <summary>The reporter's API token with every scope (a bearer header, no cookie).</summary>
    Token = 128,

    /// <summary>The reporter's API token with only <c>advisories:write</c>, a scope no current route of the report needs.</summary>
    TokenNoScope = 256,

    /// <summary>A maintainer of the report whose account an administrator disabled, still sending their old session cookie.</summary>
    Disabled = 512,

    /// <summary>The report's participants and the triage team.</summary>
    Participants = Reporter | Maintainer | Triager | Admin,

    /// <summary>Signed-in people who have nothing to do with the report.</summary>
    Outsiders = Stranger | OtherMaintainer,

    /// <summary>Every signed-in person with a working session.</summary>
    People = Participants | Outsiders,

    /// <summary>Both tokens.</summary>
    Tokens = Token | TokenNoScope,

    /// <summary>Nobody the server knows: no session, or an ended one.</summary>
    Gone = Anonymous | Disabled,

    /// <summary>Who never opens a page: no session, an ended one, or a token (a token never opens a page).</summary>
    NoSession = Gone | Tokens,

    All = People | NoSession,
}

/// <summary>One actor's fixed credentials: the cookies captured at sign-in (replayed as they were), the form token, a bearer token.</summary>
internal sealed record ActorCredentials(Actors Actor, string? Cookies, string? FormToken, string? Bearer)
{
    /// <summary>A request with this actor's cookies and bearer token; <paramref name="csrfHeader"/> goes into the API's anti-forgery header.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content, string? csrfHeader = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (Cookies is not null)
        {
            request.Headers.Add("Cookie", Cookies);
        }

        if (Bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        }

        if (csrfHeader is not null)
        {
            request.Headers.Add(ApiAntiforgery.HeaderName, csrfHeader);
        }

        return request;
    }
}

/// <summary>
/// A platform with one private report and people around it, for the authorization matrix and the CSRF sweep: the
/// report (with a canary title and an attachment), its reporter, an invited maintainer, a disabled maintainer, a
/// maintainer of a second report, a stranger, a triager and an administrator (both with 2FA), two API tokens of the
/// reporter, a triager's token, a pending invitation for someone else, and an account for the administrator to change.
/// </summary>
internal sealed class SecurityScene
{
    public const string BaseAddress = "https://vigil.test";

    public required PlatformFactory Factory { get; init; }

    public required Guid ReportId { get; init; }

    public required string Canary { get; init; }

    public required Dictionary<Actors, ActorCredentials> Actors { get; init; }

    /// <summary>Route parameter values by name, and the placeholders matrix entries may use in their paths and forms.</summary>
    public required Dictionary<string, string> Values { get; init; }

    /// <summary>A client that keeps nothing between requests: every request carries its actor's credentials.</summary>
    public HttpClient Client() => Factory.CreateDefaultClient(new Uri(BaseAddress));

    public static async Task<SecurityScene> CreateAsync(string engine)
    {
        var factory = await PlatformFactory.OnAsync(engine, new()
        {
            ["Vigil:RateLimits:Reports"] = "10000",
            ["Vigil:RateLimits:PasswordReset"] = "10000",
            ["Vigil:RateLimits:Api"] = "10000",
        });
        string canary = "CANARY-" + Guid.NewGuid().ToString("N");

        foreach (string email in new[] { "stranger@example.org", "reporter@example.org", "second-reporter@example.org", "target@example.org" })
        {
            await factory.CreateUserAsync(email, [Roles.Reporter]);
        }

        var maintainer = await factory.CreateUserAsync("maintainer@example.org", [Roles.Maintainer]);
        var otherMaintainer = await factory.CreateUserAsync("other-maintainer@example.org", [Roles.Maintainer]);
        var disabled = await factory.CreateUserAsync("disabled@example.org", [Roles.Maintainer]);
        string triagerSecret = Totp.NewSecret();
        var triager = await factory.CreateUserAsync("triager@example.org", [Roles.Triager], triagerSecret);
        string adminSecret = Totp.NewSecret();
        await factory.CreateUserAsync("admin@example.org", [Roles.Administrator], adminSecret);
        var target = await factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "target@example.org"));

        var (reporterCookies, reporterBrowser) = await SignInAsync(factory, "reporter@example.org", null);
        Guid reportId = await ReportSteps.SubmitAsync(reporterBrowser, ReportSteps.ValidForm(title: "Report " + canary), ("poc.txt", Encoding.UTF8.GetBytes("proof " + canary)));
        var (_, secondBrowser) = await SignInAsync(factory, "second-reporter@example.org", null);
        Guid otherReportId = await ReportSteps.SubmitAsync(secondBrowser, ReportSteps.ValidForm(title: "Another report"));

        string token = ApiTokenOf(await ApiCalls.CreateTokenAsync(reporterBrowser, "all", [.. Scopes.All]));
        string tokenNoScope = ApiTokenOf(await ApiCalls.CreateTokenAsync(reporterBrowser, "advisories only", [Scopes.AdvisoriesWrite]));
        var (triagerCookies, triagerBrowser) = await SignInAsync(factory, "triager@example.org", triagerSecret);
        var triagerToken = await ApiCalls.CreateTokenAsync(triagerBrowser, "triage", [Scopes.ReportsRead]);
        var (adminCookies, _) = await SignInAsync(factory, "admin@example.org", adminSecret);
        var (strangerCookies, _) = await SignInAsync(factory, "stranger@example.org", null);
        var (maintainerCookies, _) = await SignInAsync(factory, "maintainer@example.org", null);
        var (otherMaintainerCookies, _) = await SignInAsync(factory, "other-maintainer@example.org", null);
        var (disabledCookies, _) = await SignInAsync(factory, "disabled@example.org", null);

        string invitation = SecretTokens.New();
        var (attachmentId, meetingId) = await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PlatformDbContext>();
            var now = factory.Time.GetUtcNow().UtcDateTime;
            string role = ReportService.RoleName(ParticipantRole.Maintainer);
            db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = reportId, UserId = maintainer.Id, Role = role, AddedAt = now });
            db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = reportId, UserId = disabled.Id, Role = role, AddedAt = now });
            db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = otherReportId, UserId = otherMaintainer.Id, Role = role, AddedAt = now });
            db.ReportInvitations.Add(new ReportInvitationRecord
            {
                ReportId = reportId, Email = "invitee@example.org", TokenHash = SecretTokens.Hash(invitation), InvitedBy = triager.Id, CreatedAt = now, ExpiresAt = now.AddDays(7),
            });
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<PlatformUser>>();
            var account = (await users.FindByIdAsync(disabled.Id))!;
            account.DisabledAt = now;
            await users.UpdateSecurityStampAsync(account);
            // A meeting a week ahead, for the meetings' routes (no one in the scene is a group member: administrators manage it).
            var meeting = new Vigil.Web.Features.Meetings.MeetingRecord
            {
                Uid = "scene-meeting@vigil.test", Title = "Meeting", StartsAt = now.AddDays(7), DurationMinutes = 60, CreatedBy = triager.Id, CreatedAt = now,
            };
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return (await db.ReportAttachments.Where(a => a.ReportId == reportId).Select(a => a.Id).SingleAsync(), meeting.Id);
        });

        var anonymous = await AnonymousAsync(factory, null);
        var credentials = new Dictionary<Actors, ActorCredentials>
        {
            [Security.Actors.Anonymous] = anonymous with { Actor = Security.Actors.Anonymous },
            [Security.Actors.Stranger] = strangerCookies with { Actor = Security.Actors.Stranger },
            [Security.Actors.Reporter] = reporterCookies with { Actor = Security.Actors.Reporter },
            [Security.Actors.Maintainer] = maintainerCookies with { Actor = Security.Actors.Maintainer },
            [Security.Actors.OtherMaintainer] = otherMaintainerCookies with { Actor = Security.Actors.OtherMaintainer },
            [Security.Actors.Triager] = triagerCookies with { Actor = Security.Actors.Triager },
            [Security.Actors.Admin] = adminCookies with { Actor = Security.Actors.Admin },
            // A tool with a cookie jar but no session: the bearer token must not open pages, and must not pass a page's anti-forgery check.
            [Security.Actors.Token] = (await AnonymousAsync(factory, null)) with { Actor = Security.Actors.Token, Bearer = token },
            [Security.Actors.TokenNoScope] = (await AnonymousAsync(factory, null)) with { Actor = Security.Actors.TokenNoScope, Bearer = tokenNoScope },
            // The old session cookie, with a form token valid for the anonymous request it has become.
            [Security.Actors.Disabled] = (await AnonymousAsync(factory, disabledCookies.Cookies)) with { Actor = Security.Actors.Disabled },
        };

        return new SecurityScene
        {
            Factory = factory,
            ReportId = reportId,
            Canary = canary,
            Actors = credentials,
            Values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["id"] = reportId.ToString(),
                ["attachmentId"] = attachmentId.ToString(),
                ["ballotId"] = Guid.NewGuid().ToString(),
                ["token"] = "no-such-token-" + Guid.NewGuid().ToString("N"),
                ["documentName"] = "v1",
                ["invitation"] = invitation,
                ["triagerToken"] = triagerToken.GetProperty("id").GetString()!,
                ["target"] = target.Id,
                ["meeting"] = meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>Signs in through the pages (with the TOTP step when <paramref name="totpSecret"/> is given); returns the cookies and a form token.</summary>
    private static async Task<(ActorCredentials Credentials, TestBrowser Browser)> SignInAsync(PlatformFactory factory, string email, string? totpSecret)
    {
        var container = new CookieContainer();
        var browser = new TestBrowser(factory.CreateDefaultClient(new Uri(BaseAddress), new CookieContainerHandler(container)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).StatusCode);
        if (totpSecret is not null)
        {
            string code = Totp.Code(Base32.Decode(totpSecret), Totp.StepAt(factory.Time.GetUtcNow()));
            var (second, _) = await browser.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        var (page, _) = await browser.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (new ActorCredentials(Security.Actors.None, container.GetCookieHeader(new Uri(BaseAddress)), browser.FormToken, null), browser);
    }

    /// <summary>An anonymous visitor's anti-forgery cookie and form token; with <paramref name="sessionCookies"/> their session cookie too.</summary>
    private static async Task<ActorCredentials> AnonymousAsync(PlatformFactory factory, string? sessionCookies)
    {
        var container = new CookieContainer();
        using var browser = new TestBrowser(factory.CreateDefaultClient(new Uri(BaseAddress), new CookieContainerHandler(container)));
        await browser.GetAsync("/account/sign-in");
        string antiforgery = container.GetCookieHeader(new Uri(BaseAddress));
        string? session = sessionCookies?.Split("; ").FirstOrDefault(c => c.StartsWith("vigil.session=", StringComparison.Ordinal));
        Assert.True(sessionCookies is null || session is not null, "no session cookie was captured");
        return new ActorCredentials(Security.Actors.None, session is null ? antiforgery : $"{session}; {antiforgery}", browser.FormToken, null);
    }

    private static string ApiTokenOf(System.Text.Json.JsonElement created) => created.GetProperty("token").GetString()!;
}
