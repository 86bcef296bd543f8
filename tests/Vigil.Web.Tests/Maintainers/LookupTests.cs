using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Vigil.Testing;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Maintainers;

/// <summary>The triager looks up a package's maintainers on a real registry server on loopback, configured through an npmrc.</summary>
public sealed class LookupTests
{
    private const string Maintainers = """{"name":"alice","email":"alice@example.org"},"bob <bob@example.org>",{"name":"carol"}""";

    [Fact]
    public async Task The_packuments_maintainers_are_listed_with_invite_buttons_and_the_npmrc_token_goes_to_that_registry_only()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Json("/left-pad", FakeRegistry.Packument("left-pad", 5000, Maintainers));
        registry.Json("/@acme%2fwidget", FakeRegistry.Packument("@acme/widget", 3, """{"name":"dana","email":"dana@example.org"}"""));
        using var home = new TempDirectory();
        string variable = "VIGIL_TEST_NPM_TOKEN_" + Guid.NewGuid().ToString("N");
        string token = "npm_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        string host = registry.Url.Authority;
        File.WriteAllText(home.File(".npmrc"), $$"""
            ; the server's npm settings
            registry=http://{{host}}/
            @acme:registry = "http://{{host}}/"
            //{{host}}/:_authToken=${{{variable}}}
            =a line npm would ignore
            """);
        try
        {
            using var factory = new PlatformFactory(new() { ["Vigil:NpmUserConfig"] = home.File(".npmrc"), [PlatformFactory.TraceLogs] = "true" });
            using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
            var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
            using var _t = triager;
            var id = await ReportSteps.SubmitAsync(reporter);
            var scoped = await ReportSteps.SubmitAsync(reporter, MaintainerSteps.Form("@acme/widget"));

            var (_, reportBody) = await triager.GetAsync($"/reports/{id}");
            Assert.Contains($"/reports/{id}/maintainers", reportBody, StringComparison.Ordinal);
            var (page, _) = await triager.GetAsync($"/reports/{id}/maintainers");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Empty(registry.Requests);
            var (looked, body) = await triager.PostAsync($"/reports/{id}/maintainers", [], withToken: true);

            Assert.Equal(HttpStatusCode.OK, looked.StatusCode);
            Assert.Contains("alice@example.org", body, StringComparison.Ordinal);
            Assert.Contains("bob@example.org", body, StringComparison.Ordinal);
            Assert.Contains("carol", body, StringComparison.Ordinal);
            Assert.Contains("no e-mail address in the packument", body, StringComparison.Ordinal);
            Assert.DoesNotContain("old@example.org", body, StringComparison.Ordinal);
            Assert.Contains("<input type=\"hidden\" name=\"email\" value=\"alice@example.org\">", body, StringComparison.Ordinal);
            Assert.Contains("line 5", body, StringComparison.Ordinal);
            var request = Assert.Single(registry.Requests);
            Assert.Equal("/left-pad", request.Target);
            Assert.Equal("Bearer " + token, request.Authorization);
            Assert.DoesNotContain("vnd.npm.install-v1", request.Accept, StringComparison.Ordinal);

            // The scoped name goes out escaped as npm escapes it.
            await triager.GetAsync($"/reports/{scoped}/maintainers");
            var (scopedLook, scopedBody) = await triager.PostAsync($"/reports/{scoped}/maintainers", [], withToken: true);
            Assert.Equal(HttpStatusCode.OK, scopedLook.StatusCode);
            Assert.Contains("dana@example.org", scopedBody, StringComparison.Ordinal);
            Assert.Equal("/@acme%2fwidget", registry.Requests.Last().Target);

            // The Invite button posts to the invitation action.
            await triager.GetAsync($"/reports/{id}/maintainers");
            var (invited, _) = await triager.PostAsync($"/reports/{id}/invite", new() { ["email"] = "alice@example.org" }, withToken: true);
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
            Assert.Single(await factory.OutboxToAsync("alice@example.org"));

            // Audited; the token is in no log and no audit entry.
            var audits = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == "report.maintainers-lookup").ToListAsync());
            Assert.Equal(2, audits.Count);
            Assert.Contains(audits, a => a.Subject == id.ToString() && a.Detail.EndsWith("3 maintainers", StringComparison.Ordinal));
            Assert.DoesNotContain(token, factory.Logs.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(audits, a => a.Detail.Contains(token, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Only_a_triager_who_did_not_submit_the_report_can_look_up()
    {
        await using var registry = await FakeRegistry.StartAsync();
        using var factory = new PlatformFactory(new() { ["Vigil:NpmRegistry"] = registry.Url.ToString() });
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var id = await ReportSteps.SubmitAsync(reporter);

        await reporter.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync($"/reports/{id}/maintainers")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.PostAsync($"/reports/{id}/maintainers", [], withToken: true)).Response.StatusCode);
        Assert.Empty(registry.Requests);
    }

    [Fact]
    public async Task Registry_failures_are_messages_for_the_triager_never_errors()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Routes["/huge-package"] = async context =>
        {
            // No length announced: the limit is found while reading.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"name\":\"huge-package\",\"readme\":\"", context.RequestAborted);
            var chunk = new string('x', 64 * 1024);
            for (int i = 0; i < 64; i++)
            {
                await context.Response.WriteAsync(chunk, context.RequestAborted);
            }

            await context.Response.WriteAsync("\",\"maintainers\":[]}", context.RequestAborted);
        };
        registry.Routes["/slow-package"] = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            await context.Response.WriteAsync("{}", context.RequestAborted);
        };
        registry.Json("/malformed-package", "{\"name\":\"malformed-package\",\"maintainers\":[{\"name\":\"a\",\"email\":");
        registry.Json("/not-an-object", "[1,2,3]");
        registry.Routes["/broken-registry"] = context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };
        using var factory = new PlatformFactory(new()
        {
            ["Vigil:NpmRegistry"] = registry.Url.ToString(),
            ["Vigil:Maintainers:MaxPackumentMegabytes"] = "1",
            ["Vigil:Maintainers:TimeoutSeconds"] = "1",
        });
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;

        var cases = new (string Package, string Message)[]
        {
            ("no-such-package", "has no package named no-such-package"),
            ("huge-package", "larger than 1 MB"),
            ("slow-package", "did not answer within 1 seconds"),
            ("malformed-package", "not a packument"),
            ("not-an-object", "not a packument"),
            ("broken-registry", "answered 503"),
        };
        foreach (var (package, message) in cases)
        {
            var id = await ReportSteps.SubmitAsync(reporter, MaintainerSteps.Form(package));
            await triager.GetAsync($"/reports/{id}/maintainers");
            var started = DateTime.UtcNow;
            var (response, body) = await triager.PostAsync($"/reports/{id}/maintainers", [], withToken: true);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{package}: {(int)response.StatusCode}");
            Assert.Contains(message, body, StringComparison.Ordinal);
            Assert.Contains("role=\"alert\"", body, StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"{package} took {DateTime.UtcNow - started}");
        }

        var outcomes = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == "report.maintainers-lookup").Select(a => a.Detail).ToListAsync());
        Assert.Equal(cases.Length, outcomes.Count);
        Assert.Contains(outcomes, o => o.EndsWith("not-found", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.EndsWith("too-large", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.EndsWith("timeout", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.EndsWith("bad-json", StringComparison.Ordinal));
    }
}
