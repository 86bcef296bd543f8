using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vigil.Web.Tests.Support;

/// <summary>API calls as a browser session (with the anti-forgery header) or as a tool (with a bearer token).</summary>
internal static class ApiCalls
{
    /// <summary>Creates a token through the API in a signed-in browser; returns the JSON answer.</summary>
    public static async Task<JsonElement> CreateTokenAsync(TestBrowser browser, string name, string[] scopes, int days = 30)
    {
        await browser.GetAsync("/account/tokens"); // a page carries the anti-forgery token
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name, scopes, days }) };
        request.Headers.Add("X-CSRF-TOKEN", browser.FormToken);
        using var response = await browser.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> WithTokenAsync(HttpClient client, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
