using System.Net;
using System.Text;
using Vigil.Web.Tests.Support;
using static Vigil.Web.Tests.Security.Actors;

namespace Vigil.Web.Tests.Security;

/// <summary>What an actor gets back: the authorization decision as the client sees it.</summary>
internal enum Outcome
{
    /// <summary>Past authorization: 2xx, a redirect elsewhere than sign-in or access-denied, or a 400 about the input.</summary>
    Ok,

    /// <summary>404: the thing does not exist for this actor.</summary>
    NotFound,

    /// <summary>403 (API) or a redirect to <c>/account/access-denied</c> (pages).</summary>
    Forbidden,

    /// <summary>401 (API) or a redirect to <c>/account/sign-in</c> (pages).</summary>
    SignIn,

    /// <summary>400 from the anti-forgery check (an empty 400 from a page, the API's anti-forgery problem).</summary>
    CsrfRefused,

    /// <summary>Anything else (429, 5xx): never expected.</summary>
    Error,
}

/// <summary>
/// One matrix entry: which actors get through (<see cref="Ok"/>), and what every other actor gets. Every actor must be
/// in exactly one of the four sets. <see cref="Path"/> overrides the route's path (placeholders are the scene's
/// values: <c>{id}</c>, <c>{triagerToken}</c>, …); <see cref="Form"/> is the posted form (<c>id={target}&amp;roles=reporter</c>),
/// chosen so that an allowed actor's request changes nothing that later requests depend on.
/// </summary>
internal sealed record MatrixEntry(Actors Ok, Actors NotFound, Actors Forbidden, Actors SignIn, string? Path = null, string? Form = null)
{
    public Outcome Expected(Actors actor) =>
        Ok.HasFlag(actor) ? Outcome.Ok : NotFound.HasFlag(actor) ? Outcome.NotFound : Forbidden.HasFlag(actor) ? Outcome.Forbidden : Outcome.SignIn;
}

/// <summary>
/// The authorization matrix (issue #4 item 9, ASVS 8.2.1/8.2.2): every operation of the server (each method of each
/// API route, each handler of each page, enumerated from the endpoint table) is tried as every actor, and must answer
/// as its entry below says. Non-participants never see the report's canary, and no refused actor gets a 2xx: leaks = 0.
/// A new route without an entry fails the test, naming it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    // How to add a route: one line, "<METHOD> <route as mapped>[ (<page handler>)]" = who gets through and what the others get.
    // Report-scoped: outsiders get 404 (the report does not exist for them). Role routes: 403 / access-denied.
    // No session (anonymous, disabled account) and tokens on pages: 401 / sign-in. Tokens open only /api.
    internal static readonly Dictionary<string, MatrixEntry> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /"] = Public(),
        ["GET /error"] = Public(),
        ["GET /reference/api"] = Public(),
        ["GET /openapi/{documentName}.json"] = Public(),
        ["GET /account/access-denied"] = Public(),
        ["GET /account/register"] = Public(),
        ["POST /account/register"] = Public(),
        ["GET /account/confirm-email"] = Public(),
        ["POST /account/confirm-email"] = Public(),
        ["GET /account/sign-in"] = Public(),
        ["POST /account/sign-in"] = Public(),
        ["GET /account/sign-in/two-factor"] = new(Ok: None, NotFound: None, Forbidden: None, SignIn: All), // needs Identity's two-factor cookie
        ["POST /account/sign-in/two-factor"] = new(Ok: None, NotFound: None, Forbidden: None, SignIn: All),
        ["POST /account/sign-in/two-factor (Recovery)"] = new(Ok: None, NotFound: None, Forbidden: None, SignIn: All),
        ["GET /account/welcome/{token}"] = Public(),
        ["POST /account/welcome/{token}"] = Public(),
        ["GET /account/forgot-password"] = Public(),
        ["POST /account/forgot-password"] = Public(),
        ["GET /account/reset-password/{token}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None), // an unknown link
        ["POST /account/reset-password/{token}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None),
        ["GET /account/sign-out"] = SignedIn(),
        ["POST /account/sign-out"] = SignedIn(),
        ["GET /account/keys"] = SignedIn(),
        ["POST /account/keys (Register)"] = SignedIn(), // nothing filled in: the page again, saying why
        ["POST /account/keys (Revoke)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Form: "id=1&reason=compromised"), // no such key of theirs
        ["GET /account/tokens"] = SignedIn(),
        ["POST /account/tokens"] = SignedIn(),
        ["POST /account/tokens (Revoke)"] = SignedIn(form: "id=00000000-0000-0000-0000-000000000001"),
        ["GET /account/two-factor"] = SignedIn(),
        ["POST /account/two-factor"] = SignedIn(),
        ["POST /account/two-factor (NewCodes)"] = SignedIn(),
        ["POST /account/two-factor (Disable)"] = SignedIn(),
        ["GET /admin/users"] = AdminPage(),
        ["POST /admin/users (Disable)"] = AdminPage(form: "id={target}"),
        ["POST /admin/users (Enable)"] = AdminPage(form: "id={target}"),
        ["POST /admin/users (Roles)"] = AdminPage(form: "id={target}&roles=reporter"),
        // The triage team (docs/adr/0012): the scene has no group members, so only administrators open the page and
        // only the bootstrap's appointment gets through (member 0 does not exist: 400); a non-member's post answers 404.
        ["GET /triage-team"] = AdminPage(),
        ["POST /triage-team (Open)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Form: "member=0&change=add"),
        ["POST /triage-team (Vote)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Form: "motion=0&vote=for"),
        ["POST /triage-team (Appoint)"] = AdminPage(form: "member=0"),
        ["GET /triage-team/privacy"] = new(Ok: None, NotFound: None, Forbidden: People, SignIn: NoSession),
        ["POST /triage-team/privacy"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession),
        // Offboarding: the activity check's one-time link is the credential (an unknown one: 404 for all, signed in or not);
        // the return page is for former members (the scene has none: access-denied), whose posts answer 404 for others.
        ["GET /members/activity/{token}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None),
        ["POST /members/activity/{token}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None),
        ["GET /members/return"] = new(Ok: None, NotFound: None, Forbidden: People, SignIn: NoSession),
        ["POST /members/return"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession),
        ["GET /members"] = Public(),
        ["GET /admin/members"] = AdminPage(),
        ["POST /admin/members (Add)"] = AdminPage(), // no account: 400
        ["POST /admin/members (Employer)"] = AdminPage(form: "member=0"), // no such member: 400
        ["POST /admin/members (Left)"] = AdminPage(form: "member=0"),
        ["GET /nominations"] = SignedIn(),
        ["GET /nominations/new"] = SignedIn(),
        ["POST /nominations/new"] = SignedIn(), // no name: 400
        ["GET /nominations/{id:long}"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/nominations/1"), // the scene has none
        ["POST /nominations/{id:long} (Object)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/nominations/1"),
        ["POST /nominations/{id:long} (WithdrawObjection)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/nominations/1"),
        ["POST /nominations/{id:long} (Withdraw)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/nominations/1"),
        ["GET /nominations/{id:long}/checklist"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/nominations/1/checklist"), // the nominee's only
        ["POST /nominations/{id:long}/checklist (Accept)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/nominations/1/checklist"),
        ["POST /nominations/{id:long}/checklist (Complete)"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/nominations/1/checklist"),
        ["GET /reports"] = SignedIn(),
        ["GET /reports/new"] = SignedIn(),
        ["POST /reports/new"] = SignedIn(),
        ["GET /reports/{id:guid}/{handler?}"] = ReportPage(),
        ["POST /reports/{id:guid}/{handler?}"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession), // nothing to post to
        ["POST /reports/{id:guid}/{handler?} (Transition)"] = ReportPage(), // no action: 400 for participants
        ["POST /reports/{id:guid}/{handler?} (Comment)"] = ReportPage(), // no body: 400
        ["POST /reports/{id:guid}/{handler?} (Invite)"] = ReportPage(), // no address: 400
        ["POST /reports/{id:guid}/{handler?} (Remove)"] = ReportPage(form: "participant=0"),
        ["GET /reports/{id:guid}/attachments/{attachmentId:guid}"] = ReportPage(),
        ["GET /invitations/{token}"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/invitations/{invitation}"), // someone else's
        ["POST /invitations/{token}"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession, Path: "/invitations/{invitation}"),
        ["GET /api/me"] = new(Ok: People | Token, NotFound: None, Forbidden: TokenNoScope, SignIn: Gone),
        ["GET /api/tokens/"] = new(Ok: People, NotFound: None, Forbidden: Tokens, SignIn: Gone), // browser sessions only
        ["POST /api/tokens/"] = new(Ok: People, NotFound: None, Forbidden: Tokens, SignIn: Gone), // {}: 400
        ["DELETE /api/tokens/{id:guid}"] = new(Ok: Triager, NotFound: People & ~Triager, Forbidden: Tokens, SignIn: Gone, Path: "/api/tokens/{triagerToken}"), // only its owner
        ["GET /api/author-keys/"] = new(Ok: People, NotFound: None, Forbidden: Tokens, SignIn: Gone), // browser sessions only
        ["POST /api/author-keys/challenges"] = new(Ok: People, NotFound: None, Forbidden: Tokens, SignIn: Gone), // a new challenge: changes nothing others depend on
        ["POST /api/author-keys/"] = new(Ok: People, NotFound: None, Forbidden: Tokens, SignIn: Gone), // {}: 400
        ["POST /api/author-keys/{id:long}/revoke"] = new(Ok: None, NotFound: People, Forbidden: Tokens, SignIn: Gone, Path: "/api/author-keys/1/revoke"), // no such key
        ["GET /api/reports/"] = new(Ok: People | Token, NotFound: None, Forbidden: TokenNoScope, SignIn: Gone),
        ["POST /api/reports/"] = new(Ok: People | Token, NotFound: None, Forbidden: TokenNoScope, SignIn: Gone), // {}: 400
        ["GET /api/reports/{id:guid}"] = new(Ok: Participants | Token, NotFound: Outsiders, Forbidden: TokenNoScope, SignIn: Gone),
        ["GET /reports/{id:guid}/maintainers"] = new(Ok: Triager, NotFound: People & ~Triager, Forbidden: None, SignIn: NoSession), // the triage team only
        ["POST /reports/{id:guid}/maintainers"] = new(Ok: Triager, NotFound: People & ~Triager, Forbidden: None, SignIn: NoSession),
        ["GET /reports/{id:guid}/proposals"] = ReportPage(), // back to the report
        ["POST /reports/{id:guid}/proposals"] = ReportPage(), // no version: 400
        ["GET /reports/{id:guid}/ballots/{handler?}"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession), // nothing to show
        ["POST /reports/{id:guid}/ballots/{handler?}"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession),
        ["POST /reports/{id:guid}/ballots/{handler?} (Open)"] = ReportPage(), // no date: 400
        ["POST /reports/{id:guid}/ballots/{handler?} (Vote)"] = ReportPage(), // no open ballot: 400
        ["GET /reports/{id:guid}/cve.json"] = new(Ok: None, NotFound: People, Forbidden: None, SignIn: NoSession), // unpublished: no record for anyone (the triage-only rule: Publication tests)
        ["GET /api/reports/{id:guid}/ballots"] = new(Ok: Participants | Token, NotFound: Outsiders, Forbidden: TokenNoScope, SignIn: Gone),
        ["POST /api/reports/{id:guid}/ballots"] = new(Ok: Participants | Token, NotFound: Outsiders, Forbidden: TokenNoScope, SignIn: Gone), // {}: 400
        ["POST /api/reports/{id:guid}/ballots/{ballotId:guid}/vote"] = new(Ok: None, NotFound: People | Token, Forbidden: TokenNoScope, SignIn: Gone), // no such ballot
        ["GET /advisories"] = Public(),
        ["GET /advisories/feed.atom"] = Public(),
        ["GET /policies"] = Public(), // the WG's published policies: no account, no data
        ["GET /policies/disclosure"] = Public(),
        ["GET /policies/triage"] = Public(),
        ["GET /policies/module-authors"] = Public(),
        ["GET /policies/membership"] = Public(),
        ["GET /policies/disclosure.json"] = Public(),
        // Meetings: public pages and calendars; changes by active members and administrators (the scene has no member), others 403.
        ["GET /meetings"] = Public(),
        ["GET /meetings.ics"] = Public(),
        ["GET /meetings/{id:long}"] = Public(Path: "/meetings/{meeting}"),
        ["GET /meetings/{id:long}/meeting.ics"] = Public(Path: "/meetings/{meeting}/meeting.ics"),
        ["GET /meetings/new"] = AdminPage(),
        ["POST /meetings/new"] = AdminPage(), // no title: 400
        ["GET /meetings/{id:long}/edit/{handler?}"] = AdminPage(path: "/meetings/{meeting}/edit/{handler?}"),
        ["POST /meetings/{id:long}/edit/{handler?}"] = AdminPage(path: "/meetings/{meeting}/edit/{handler?}"), // no sequence: 400
        ["POST /meetings/{id:long}/edit/{handler?} (Cancel)"] = AdminPage(path: "/meetings/{meeting}/edit/{handler?}"), // no sequence: 400
        ["POST /meetings/{id:long}/edit/{handler?} (Agenda)"] = new(Ok: None, NotFound: None, Forbidden: People, SignIn: NoSession, Path: "/meetings/{meeting}/edit/{handler?}"), // members only
        ["POST /meetings/{id:long}/edit/{handler?} (Minutes)"] = new(Ok: None, NotFound: None, Forbidden: People, SignIn: NoSession, Path: "/meetings/{meeting}/edit/{handler?}"),
        ["GET /health/live"] = Public(), // the load balancer's probes: no account, no data
        ["GET /health/ready"] = Public(),
        ["GET /osv/all.zip"] = Public(),
        ["GET /osv/modified_id.csv"] = Public(),
        ["GET /osv/ecosystems.txt"] = Public(),
        ["GET /osv/{ecosystem}/all.zip"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None, Path: "/osv/npm/all.zip"), // the scene holds no advisory
        ["GET /osv/{ecosystem}/modified_id.csv"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None, Path: "/osv/npm/modified_id.csv"),
        ["GET /osv/{ecosystem}/{id}.json"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None, Path: "/osv/npm/NSWG-ECO-1.json"),
        ["GET /nswg/all.zip"] = Public(),
        ["GET /advisories/{id}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None), // the scene publishes none
        ["POST /v1/query"] = Public(), // the public OSV API: anonymous, reads no cookie (a form body: 400 about the input)
        ["POST /v1/querybatch"] = Public(),
        ["GET /v1/vulns/{id}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None), // the scene's database holds no advisory
        ["GET /keyring.json"] = Public(), // the signed authors' keyring (docs/adr/0011)
        ["GET /api/cvss"] = new(Ok: People | Tokens, NotFound: None, Forbidden: None, SignIn: Gone), // any signed-in caller, no data
        // The npm audit endpoints: anonymous, read-only (the form the sweep posts is not JSON: 400, past authorization).
        ["POST /-/npm/v1/security/advisories/bulk"] = Public(),
        ["POST /-/npm/v1/security/audits/quick"] = Public(),
        ["POST /-/npm/v1/security/audits"] = Public(),
        // Package documents: a registry's 404 for everyone while no upstream registry is configured.
        ["GET /{name:regex(^[A-Za-z0-9~][A-Za-z0-9._~-]*$)}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None, Path: "/lodash"),
        ["GET /{scoped:regex(^@[A-Za-z0-9~][A-Za-z0-9._~-]*%2[fF][A-Za-z0-9~][A-Za-z0-9._~-]*$)}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None, Path: "/@types%2fnode"),
        ["GET /@{scope:regex(^[A-Za-z0-9~][A-Za-z0-9._~-]*$)}/{name:regex(^[A-Za-z0-9~][A-Za-z0-9._~-]*$)}"] = new(Ok: None, NotFound: All, Forbidden: None, SignIn: None, Path: "/@types/node"),
    };

    /// <summary>Who must never see the report's words, whatever the status.</summary>
    private const Actors NonParticipants = Anonymous | Outsiders | TokenNoScope | Disabled;

    [Fact]
    public void Every_entry_gives_every_actor_exactly_one_answer()
    {
        var problems = new List<string>();
        foreach (var (key, entry) in Matrix)
        {
            Actors[] sets = [entry.Ok, entry.NotFound, entry.Forbidden, entry.SignIn];
            foreach (var actor in Enum.GetValues<Actors>().Where(a => a != None && (a & (a - 1)) == 0))
            {
                int count = sets.Count(s => s.HasFlag(actor));
                if (count != 1)
                {
                    problems.Add($"{key}: {actor} is in {count} sets");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Every_operation_answers_every_actor_as_its_entry_says_and_nothing_leaks(string engine)
    {
        var scene = await SecurityScene.CreateAsync(engine);
        using var factory = scene.Factory;
        using var client = scene.Client();
        var operations = await Operation.AllAsync(factory);

        var missing = operations.Where(o => !Matrix.ContainsKey(o.Key)).Select(o => o.Key).ToList();
        Assert.True(missing.Count == 0, "Routes without an authorization matrix entry (add a line to AuthorizationMatrixTests.Matrix): " + string.Join(", ", missing));
        var stale = Matrix.Keys.Except(operations.Select(o => o.Key)).ToList();
        Assert.True(stale.Count == 0, "Matrix entries for routes the server does not map: " + string.Join(", ", stale));

        var mismatches = new List<string>();
        var leaks = new List<string>();
        foreach (var operation in operations)
        {
            var entry = Matrix[operation.Key];
            foreach (var actor in scene.Actors.Values)
            {
                var (response, body) = await SendAsync(scene, client, operation, actor, actor.FormToken);
                var expected = entry.Expected(actor.Actor);
                var actual = Classify(operation, response, body);
                string what = $"{operation.Key} as {actor.Actor}: {(int)response.StatusCode} {response.Headers.Location}";
                if (actual != expected)
                {
                    mismatches.Add($"{what} is {actual}, the matrix says {expected}");
                }

                if ((expected != Outcome.Ok && response.IsSuccessStatusCode) || (NonParticipants.HasFlag(actor.Actor) && body.Contains(scene.Canary, StringComparison.Ordinal)))
                {
                    leaks.Add(what);
                }
            }
        }

        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:\n" + string.Join('\n', leaks));
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers differ from the matrix:\n" + string.Join('\n', mismatches));

        // The canary check can fail: a participant does see it.
        var (page, text) = await SendAsync(scene, client, operations.Single(o => o.Key == "GET /reports/{id:guid}/{handler?}"), scene.Actors[Reporter], null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(scene.Canary, text, StringComparison.Ordinal);
    }

    /// <summary>Sends <paramref name="operation"/> as <paramref name="actor"/>; a change carries <paramref name="formToken"/> (none when null).</summary>
    internal static async Task<(HttpResponseMessage Response, string Body)> SendAsync(SecurityScene scene, HttpClient client, Operation operation, ActorCredentials actor, string? formToken)
    {
        var entry = Matrix[operation.Key];
        string path = operation.Path(scene.Values, entry.Path is null ? null : Fill(scene, entry.Path));
        HttpContent? content = null;
        string? header = null;
        if (operation.ChangesState && operation.IsApi)
        {
            header = formToken;
            content = operation.Method == "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json");
        }
        else if (operation.ChangesState)
        {
            var fields = (entry.Form is null ? [] : Fill(scene, entry.Form).Split('&'))
                .Select(pair => pair.Split('=', 2))
                .Select(pair => new KeyValuePair<string, string>(pair[0], pair[1]))
                .ToList();
            if (formToken is not null)
            {
                fields.Add(new("__RequestVerificationToken", formToken));
            }

            content = new FormUrlEncodedContent(fields);
        }

        using var request = actor.Request(new HttpMethod(operation.Method), path, content, header);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The authorization decision a response shows.</summary>
    internal static Outcome Classify(Operation operation, HttpResponseMessage response, string body)
    {
        string location = response.Headers.Location?.OriginalString ?? string.Empty;
        return (int)response.StatusCode switch
        {
            404 => Outcome.NotFound,
            401 => Outcome.SignIn,
            403 => Outcome.Forbidden,
            302 or 303 when location.StartsWith("/account/sign-in", StringComparison.Ordinal) && !location.StartsWith("/account/sign-in/", StringComparison.Ordinal) => Outcome.SignIn,
            302 or 303 when location.StartsWith("https://vigil.test/account/sign-in?", StringComparison.Ordinal) => Outcome.SignIn,
            302 or 303 when location.Contains("/account/access-denied", StringComparison.Ordinal) => Outcome.Forbidden,
            400 when IsAntiforgeryRefusal(operation, body) => Outcome.CsrfRefused,
            >= 200 and < 400 => Outcome.Ok,
            400 or 409 => Outcome.Ok, // about the input or the state, past authorization
            _ => Outcome.Error,
        };
    }

    private static bool IsAntiforgeryRefusal(Operation operation, string body) =>
        operation.IsApi ? body.Contains("anti-forgery token is missing or invalid", StringComparison.Ordinal) : body.Length == 0;

    private static string Fill(SecurityScene scene, string text)
    {
        foreach (var (name, value) in scene.Values)
        {
            text = text.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return text;
    }

    private static MatrixEntry Public(string? Path = null) => new(Ok: All, NotFound: None, Forbidden: None, SignIn: None, Path: Path);

    private static MatrixEntry SignedIn(string? form = null) => new(Ok: People, NotFound: None, Forbidden: None, SignIn: NoSession, Form: form);

    private static MatrixEntry AdminPage(string? form = null, string? path = null) => new(Ok: Admin, NotFound: None, Forbidden: People & ~Admin, SignIn: NoSession, Path: path, Form: form);

    private static MatrixEntry ReportPage(string? form = null) => new(Ok: Participants, NotFound: Outsiders, Forbidden: None, SignIn: NoSession, Form: form);
}
