using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Reports;

/// <summary>The steps the report tests share: people signed in, a report submitted through the form.</summary>
internal static partial class ReportSteps
{
    public const string Vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    public static Dictionary<string, string> ValidForm(string? description = null, string? title = null, string? proof = null) => new()
    {
        ["Form.PackageName"] = "left-pad",
        ["Form.AffectedVersions"] = "<1.3.1",
        ["Form.CweId"] = "CWE-1321",
        ["Form.Title"] = title ?? "Prototype pollution in padStart",
        ["Form.Description"] = description ?? "Calling `pad(obj)` with a crafted object **pollutes** the prototype.",
        ["Form.ProofOfConcept"] = proof ?? "```js\npad(JSON.parse('{\"__proto__\":{\"x\":1}}'))\n```",
        ["Form.CvssVector"] = Vector,
    };

    /// <summary>A signed-in reporter (a new account).</summary>
    public static async Task<TestBrowser> ReporterAsync(PlatformFactory factory, string email)
    {
        await factory.CreateUserAsync(email, [Roles.Reporter]);
        var browser = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).StatusCode);
        return browser;
    }

    /// <summary>A signed-in triager with two-factor sign-in (a new account).</summary>
    public static async Task<(TestBrowser Browser, PlatformUser User)> TriagerAsync(PlatformFactory factory, string email)
    {
        string secret = Totp.NewSecret();
        var user = await factory.CreateUserAsync(email, [Roles.Triager], secret);
        var browser = factory.Browser();
        await browser.SignInAsync(email);
        string code = Totp.Code(Base32.Decode(secret), Totp.StepAt(factory.Time.GetUtcNow()));
        var (response, _) = await browser.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (browser, user);
    }

    /// <summary>Submits the form (multipart, as the page sends it); returns the response and the body.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> SubmitFormAsync(TestBrowser browser, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files)
    {
        await browser.GetAsync("/reports/new");
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new StringContent(browser.FormToken!), "__RequestVerificationToken");
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            // Written by hand: HttpClient refuses some names an attacker would send (quotes, angle brackets).
            part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"attachments\"; filename=\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
            content.Add(part);
        }

        var response = await browser.Client.PostAsync("/reports/new", content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits a valid report; returns its id.</summary>
    public static async Task<Guid> SubmitAsync(TestBrowser browser, Dictionary<string, string>? fields = null, params (string Name, byte[] Content)[] files)
    {
        var (response, body) = await SubmitFormAsync(browser, fields ?? ValidForm(), files);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"submission answered {(int)response.StatusCode}: {body}");
        var match = ReportPath().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, response.Headers.Location!.OriginalString);
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>Posts a transition from the report page's form.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> TransitionAsync(TestBrowser browser, Guid id, string action, Dictionary<string, string>? more = null)
    {
        await browser.GetAsync($"/reports/{id}");
        var fields = new Dictionary<string, string>(more ?? []) { ["action"] = action };
        return await browser.PostAsync($"/reports/{id}/transition", fields, withToken: true);
    }

    public static async Task<(HttpResponseMessage Response, string Body)> CommentAsync(TestBrowser browser, Guid id, string body, bool isInternal = false)
    {
        await browser.GetAsync($"/reports/{id}");
        var fields = new Dictionary<string, string> { ["body"] = body };
        if (isInternal)
        {
            fields["isInternal"] = "true";
        }

        return await browser.PostAsync($"/reports/{id}/comment", fields, withToken: true);
    }

    public static Task<string> StateAsync(PlatformFactory factory, Guid id) =>
        factory.QueryAsync(db => db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => r.State).SingleAsync());

    [GeneratedRegex("^/reports/([0-9a-f-]{36})$")]
    private static partial Regex ReportPath();
}
