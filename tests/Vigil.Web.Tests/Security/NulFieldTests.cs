using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Text;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// A NUL in a field gets a 400 that names the field, on forms (url-encoded, which ASP.NET Core's form reader refuses,
/// and multipart) and in the API's JSON, and nothing is stored.
/// </summary>
public sealed class NulFieldTests
{
    [Fact]
    public async Task The_report_form_names_the_field_with_a_nul_url_encoded_or_multipart_and_stores_nothing()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");

        var (multipart, multipartBody) = await ReportSteps.SubmitFormAsync(reporter, ReportSteps.ValidForm(title: "pad\0Start"));
        Assert.Equal(HttpStatusCode.BadRequest, multipart.StatusCode);
        Assert.Contains("<strong>title</strong>", multipartBody, StringComparison.Ordinal);

        // The same form url-encoded, as a script or an old client may send it.
        await reporter.GetAsync("/reports/new");
        var fields = ReportSteps.ValidForm(description: "a\0b");
        var (encoded, encodedBody) = await reporter.PostAsync("/reports/new", fields, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, encoded.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", encoded.Content.Headers.ContentType!.ToString());
        Assert.Equal("The field \"Form.Description\" contains a NUL character (U+0000), which no field may hold; nothing was saved.", encodedBody);

        // A NUL in a field's name too.
        var (named, namedBody) = await reporter.PostAsync("/reports/new", new() { ["Form.Ti\0tle"] = "x" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Contains("The field \"Form.Ti?tle\" contains a NUL character", namedBody, StringComparison.Ordinal);

        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.AuditLog.CountAsync()));
    }

    [Fact]
    public async Task Other_forms_name_the_field_too_signed_in_or_not()
    {
        using var factory = new PlatformFactory();
        await factory.CreateUserAsync("someone@example.org");
        using var anonymous = factory.Browser();
        var (signIn, signInBody) = await anonymous.SubmitAsync("/account/sign-in", new() { ["Email"] = "someone@example.org", ["Password"] = "pass\0word" });
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Contains("The field \"Password\" contains a NUL character", signInBody, StringComparison.Ordinal);

        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var id = await ReportSteps.SubmitAsync(reporter);
        await reporter.GetAsync($"/reports/{id}");
        var (comment, commentBody) = await reporter.PostAsync($"/reports/{id}/comment", new() { ["body"] = "hello\0" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, comment.StatusCode);
        Assert.Contains("The field \"body\" contains a NUL character", commentBody, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportComments.CountAsync()));
    }

    [Fact]
    public async Task The_api_names_the_json_field_with_a_nul_and_stores_nothing()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        string token = (await ApiCalls.CreateTokenAsync(reporter, "ci", ["reports:write"])).GetProperty("token").GetString()!;
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test"), AllowAutoRedirect = false });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = JsonContent.Create(new { packageName = "left-pad", affectedVersions = "<1.0.0", cweId = "CWE-79", title = "XSS", description = "d\0etails" }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var report = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        var errors = (await report.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(["description"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("NUL", errors.GetProperty("description")[0].GetString(), StringComparison.Ordinal);

        // A token name with a NUL, from the browser session (anti-forgery header).
        await reporter.GetAsync("/account/tokens");
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "c\0i", scopes = new[] { "reports:read" }, days = 30 }) };
        tokenRequest.Headers.Add("X-CSRF-TOKEN", reporter.FormToken);
        using var tokenAnswer = await reporter.Client.SendAsync(tokenRequest, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, tokenAnswer.StatusCode);
        Assert.True((await tokenAnswer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("name", out _));

        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(1, await factory.QueryAsync(db => db.ApiTokens.CountAsync()));
    }

    [Theory]
    [InlineData("a=1&b=x%00y", "b")]
    [InlineData("a%00=1", "a?")]
    [InlineData("a=1&b=2", null)]
    [InlineData("a=%zz&b=%00", "b")]
    public void The_field_with_a_nul_is_found_in_the_raw_form(string body, string? field) =>
        Assert.Equal(field, FieldGuard.FieldWithNul(body));
}
