using System.Net;
using System.Text.RegularExpressions;

namespace Vigil.Web.Tests.Support;

/// <summary>An HTTP client that behaves like a browser filling in forms: it keeps cookies and anti-forgery tokens.</summary>
internal sealed partial class TestBrowser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>The anti-forgery token of the last page read.</summary>
    public string? FormToken { get; private set; }

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        var token = FormTokenPattern().Match(body);
        if (token.Success)
        {
            FormToken = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return (response, body);
    }

    /// <summary>Opens <paramref name="path"/> and posts the form fields to <paramref name="action"/> (default: the same path).</summary>
    public async Task<(HttpResponseMessage Response, string Body)> SubmitAsync(string path, Dictionary<string, string> fields, string? action = null)
    {
        await GetAsync(path);
        return await PostAsync(action ?? path, fields, withToken: true);
    }

    public async Task<(HttpResponseMessage Response, string Body)> PostAsync(string path, Dictionary<string, string> fields, bool withToken)
    {
        var all = new Dictionary<string, string>(fields);
        if (withToken && FormToken is not null)
        {
            all["__RequestVerificationToken"] = FormToken;
        }

        using var content = new FormUrlEncodedContent(all);
        var response = await Client.PostAsync(path, content);
        string body = await response.Content.ReadAsStringAsync();
        var token = FormTokenPattern().Match(body);
        if (token.Success)
        {
            FormToken = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return (response, body);
    }

    /// <summary>Signs in with a password; returns the response to the password form.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password = PlatformFactory.Password)
    {
        var (response, _) = await SubmitAsync("/account/sign-in", new() { ["Email"] = email, ["Password"] = password });
        return response;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
