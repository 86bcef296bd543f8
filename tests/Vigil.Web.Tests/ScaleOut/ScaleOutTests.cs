using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Testing;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.ScaleOut;

/// <summary>
/// Several instances of the built server (real processes) over one PostgreSQL database: start-up together, shared
/// sessions and anti-forgery tokens, the outbox drained once. (Two instances running the clock's pass at once:
/// <c>DeadlineWorkerTests.Two_instances_running_the_same_pass_at_once_publish_once_and_send_one_digest</c>.)
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class ScaleOutTests
{
    [Fact]
    public async Task Two_instances_started_together_share_sessions_and_form_tokens_and_print_one_first_start_link()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresServer.CreateDatabaseAsync(ct);
        using var keys = new TempDirectory();
        var settings = ScaleOutSteps.Shared(database, keys);

        // Both start at once on an empty database: one runs the migrations, the other waits and finds them done.
        var started = await ScaleOutSteps.StartTwoAsync(settings, ct);
        await using var a = started[0];
        await using var b = started[1];
        Assert.Equal(1, started.Count(s => s.Output.Contains("/account/welcome/", StringComparison.Ordinal)));
        using (var host = ScaleOutSteps.Host(database, settings))
        {
            await host.CreateUserAsync(ScaleOutSteps.Email);
            Assert.Equal(1, await host.QueryAsync(db => db.DataProtectionKeys.CountAsync(ct)));
            Assert.Equal(1, await host.QueryAsync(db => db.SignInLinks.CountAsync(ct)));
        }

        // The sign-in form from A, posted to B: B refuses it without A's token and accepts it with.
        var cookies = new CookieContainer();
        using var onA = new TestBrowser(a.Client(cookies));
        using var onB = new TestBrowser(b.Client(cookies));
        await onA.GetAsync("/account/sign-in");
        Assert.NotNull(onA.FormToken);
        var credentials = new Dictionary<string, string> { ["Email"] = ScaleOutSteps.Email, ["Password"] = PlatformFactory.Password };
        var (refused, _) = await onB.PostAsync("/account/sign-in", credentials, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var (signedIn, signInPage) = await onB.PostAsync("/account/sign-in", new(credentials) { ["__RequestVerificationToken"] = onA.FormToken! }, withToken: false);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in on B answered {(int)signedIn.StatusCode}: {signInPage}");

        // The session B issued opens a signed-in page on A.
        var (page, html) = await onA.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(ScaleOutSteps.Email, html, StringComparison.Ordinal);

        // A signed-in user's anti-forgery token from A's page is accepted by B's API (and refused without it).
        using var noToken = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "x", scopes = new[] { "reports:read" }, days = 1 }) };
        Assert.Equal(HttpStatusCode.BadRequest, (await onB.Client.SendAsync(noToken, ct)).StatusCode);
        await onA.GetAsync("/account/tokens");
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "x", scopes = new[] { "reports:read" }, days = 1 }) };
        withToken.Headers.Add("X-CSRF-TOKEN", onA.FormToken);
        Assert.Equal(HttpStatusCode.Created, (await onB.Client.SendAsync(withToken, ct)).StatusCode);

        // The other way round, with a fresh jar: signed in on A, known on B.
        var other = new CookieContainer();
        using var otherA = new TestBrowser(a.Client(other));
        using var otherB = new TestBrowser(b.Client(other));
        Assert.Equal(HttpStatusCode.Redirect, (await otherA.SignInAsync(ScaleOutSteps.Email)).StatusCode);
        var (onOther, _) = await otherB.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, onOther.StatusCode);
    }

    [Fact]
    public async Task Mail_in_the_outbox_is_delivered_exactly_once_with_both_instances_workers_running()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(cancellationToken: ct);
        await using var database = await PostgresServer.CreateDatabaseAsync(ct);
        using var keys = new TempDirectory();
        var settings = ScaleOutSteps.Shared(database, keys);
        settings["Vigil:Smtp:Host"] = sink.Host;
        settings["Vigil:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Vigil:Smtp:UseTls"] = "false";
        settings["Vigil:Smtp:From"] = "vigil@example.org";
        settings["Vigil:Smtp:PollSeconds"] = "1";
        var started = await ScaleOutSteps.StartTwoAsync(settings, ct);
        await using var a = started[0];
        await using var b = started[1];

        const int Count = 40;
        using var host = ScaleOutSteps.Host(database, settings);
        var messageIds = await host.WithScopeAsync(async services =>
        {
            var outbox = services.GetRequiredService<MailOutbox>();
            var queued = Enumerable.Range(0, Count).Select(i => outbox.Enqueue($"person{i}@example.org", $"Notice {i}", $"Body {i}")).ToList();
            await services.GetRequiredService<PlatformDbContext>().SaveChangesAsync(ct);
            return queued.Select(m => "<" + m.MessageId + ">").ToHashSet(StringComparer.Ordinal);
        });

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await host.QueryAsync(db => db.Outbox.CountAsync(m => m.SentAt == null, ct)) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the outbox was not drained; the sink has {sink.Messages.Count}. A: {a.Output} B: {b.Output}");
            await Task.Delay(250, ct);
        }

        // Both workers keep polling every second: nothing more may arrive.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var received = sink.Messages;
        Assert.Equal(Count, received.Count);
        Assert.Equal(messageIds, received.Select(m => m.Header("Message-ID")!).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(Count, await host.QueryAsync(db => db.Outbox.CountAsync(m => m.Attempts == 1, ct)));
    }

    [Fact]
    public async Task On_SIGTERM_readiness_turns_503_first_and_a_request_in_flight_still_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresServer.CreateDatabaseAsync(ct);
        using var keys = new TempDirectory();
        var settings = ScaleOutSteps.Shared(database, keys);
        settings["Vigil:Shutdown:DrainSeconds"] = "2";
        settings["Vigil:Shutdown:TimeoutSeconds"] = "20";
        await using var server = await ServerProcess.StartAsync(settings, ct);
        using var probe = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready", ct)).StatusCode);

        // A form post whose body is still arriving when the signal comes.
        var cookies = new CookieContainer();
        using var browser = new TestBrowser(server.Client(cookies));
        await browser.GetAsync("/account/forgot-password");
        byte[] body = System.Text.Encoding.ASCII.GetBytes("Email=nobody%40example.org&__RequestVerificationToken=" + Uri.EscapeDataString(browser.FormToken!));
        var uri = new Uri(server.Url);
        using var slow = new System.Net.Sockets.TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, uri.Port, ct);
        var stream = slow.GetStream();
        string head = $"POST /account/forgot-password HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {body.Length}\r\nCookie: {cookies.GetCookieHeader(uri)}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head).Concat(body[..10]).ToArray(), ct);
        await Task.Delay(300, ct);

        server.Terminate();

        // Unready at once, while still alive and listening (the drain).
        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode ready;
        do
        {
            using var response = await probe.GetAsync("/health/ready", ct);
            ready = response.StatusCode;
            Assert.True(ready == HttpStatusCode.OK || ready == HttpStatusCode.ServiceUnavailable, $"readiness answered {(int)ready}");
        }
        while (ready != HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        using (var unavailable = await probe.GetAsync("/health/ready", ct))
        {
            Assert.Equal("unavailable", await unavailable.Content.ReadAsStringAsync(ct));
        }

        // Then the listener closes; the request in flight is finished and answered in full.
        await WaitUntilRefusedAsync(uri.Port, TimeSpan.FromSeconds(10), ct);
        await stream.WriteAsync(body.AsMemory(10), ct);
        using var reader = new StreamReader(stream);
        string answer = await reader.ReadToEndAsync(ct);
        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("</html>", answer, StringComparison.Ordinal);
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the server did not stop: " + server.Output);
        Assert.Equal(0, server.ExitCode);
    }

    private static async Task WaitUntilRefusedAsync(int port, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var client = new System.Net.Sockets.TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        Assert.Fail($"port {port} still accepted connections after {timeout}");
    }
}
