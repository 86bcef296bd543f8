using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Vigil.Testing;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// The canary test: a unique string in every text of a private report (title, description, proof of concept, comment,
/// internal note, the reasons of transitions, the attachment's name and content) never reaches anyone outside the
/// report — not through any page, API answer or header, not by e-mail (mail names the package, never report words),
/// not in any log line at any level, and not in clear in the database.
/// </summary>
public sealed partial class CanaryTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_private_reports_canary_reaches_no_non_participant_no_mail_no_log_and_no_database_byte(string engine)
    {
        string canary = "CANARY-" + Guid.NewGuid().ToString("N");
        await using var sink = await SmtpSink.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var factory = await PlatformFactory.OnAsync(engine, new()
        {
            [PlatformFactory.TraceLogs] = "true",
            ["Vigil:Smtp:Host"] = sink.Host,
            ["Vigil:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Vigil:Smtp:UseTls"] = "false",
            ["Vigil:Smtp:From"] = "vigil@example.org",
            ["Vigil:Smtp:PollSeconds"] = "1",
        }, realMail: true);

        // The report and its life: every text carries the canary.
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(
            reporter,
            ReportSteps.ValidForm(title: "Title " + canary, description: "Description " + canary, proof: "poc " + canary),
            (canary + ".txt", Encoding.UTF8.GetBytes("attachment " + canary)));
        await Expect(ReportSteps.CommentAsync(reporter, id, "comment " + canary));
        await Expect(ReportSteps.CommentAsync(triager, id, "internal note " + canary, isInternal: true));
        await Expect(ReportSteps.TransitionAsync(triager, id, "RequestInfo", new() { ["reason"] = "question " + canary }));
        await Expect(ReportSteps.TransitionAsync(reporter, id, "ProvideInfo", new() { ["reason"] = "answer " + canary }));
        await Expect(ReportSteps.TransitionAsync(triager, id, "Accept"));
        await Expect(ReportSteps.TransitionAsync(triager, id, "ContactMaintainer"));
        using var maintainer = await JoinAsync(factory, triager, id, "maintainer@example.org");
        await Expect(ReportSteps.CommentAsync(maintainer, id, "maintainer comment " + canary));
        await Expect(ReportSteps.TransitionAsync(triager, id, "StartFix"));
        var attachment = await factory.QueryAsync(db => db.ReportAttachments.Where(a => a.ReportId == id).Select(a => a.Id).SingleAsync());

        // The participants see it (so it is really there to leak).
        Assert.Contains("Description " + canary, (await reporter.GetAsync($"/reports/{id}")).Body, StringComparison.Ordinal);
        Assert.Contains("internal note " + canary, (await triager.GetAsync($"/reports/{id}")).Body, StringComparison.Ordinal);
        Assert.Contains("Title " + canary, (await maintainer.GetAsync($"/reports/{id}")).Body, StringComparison.Ordinal);

        // The non-participants: anonymous, another reporter (with a report of their own), a maintainer of that other
        // report, and a stranger's API token with every scope.
        using var otherReporter = await ReportSteps.ReporterAsync(factory, "other-reporter@example.org");
        var otherId = await ReportSteps.SubmitAsync(otherReporter);
        using var otherMaintainer = await JoinAsync(factory, triager, otherId, "other-maintainer@example.org");
        using var stranger = await ReportSteps.ReporterAsync(factory, "stranger@example.org");
        string token = (await ApiCalls.CreateTokenAsync(stranger, "all", [.. Scopes.All.Where(s => s != Scopes.AdvisoriesWrite)])).GetProperty("token").GetString()!;
        using var anonymous = factory.Browser();

        var paths = GetPaths(factory, id, attachment).ToList();
        Assert.Contains($"/reports/{id}", paths);
        Assert.Contains($"/api/reports/{id}", paths);
        Assert.Contains($"/reports/{id}/attachments/{attachment}", paths);
        Assert.Contains("/api/reports", paths);
        var seen = new List<string>();
        foreach (string path in paths)
        {
            foreach (var (who, browser) in new[] { ("anonymous", anonymous), ("other reporter", otherReporter), ("other maintainer", otherMaintainer) })
            {
                using var response = await browser.Client.GetAsync(path, TestContext.Current.CancellationToken);
                seen.Add($"{who} GET {path} {(int)response.StatusCode}\n{await Describe(response)}");
            }

            using var api = await ApiCalls.WithTokenAsync(stranger.Client, HttpMethod.Get, path, token);
            seen.Add($"token GET {path} {(int)api.StatusCode}\n{await Describe(api)}");
        }

        Assert.True(seen.Count >= paths.Count * 4 && paths.Count >= 15, $"only {paths.Count} paths");
        Assert.DoesNotContain(seen, s => s.Contains(canary, StringComparison.OrdinalIgnoreCase));

        // Mail: every committed message delivered over SMTP, none with the canary (raw or decoded), none to a
        // non-participant about this report.
        await DeliverAllAsync(factory, sink);
        Assert.Contains(sink.Messages, m => m.RcptTo.Contains("reporter@example.org"));
        Assert.Contains(sink.Messages, m => m.RcptTo.Contains("maintainer@example.org"));
        string[] participants = ["reporter@example.org", "triager@example.org", "maintainer@example.org"];
        foreach (var message in sink.Messages)
        {
            var parsed = MimeMessage.Load(new MemoryStream([.. message.Raw]), TestContext.Current.CancellationToken);
            string all = message.Text + "\n" + parsed.Subject + "\n" + parsed.TextBody + "\n" + string.Join('\n', parsed.Headers.Select(h => h.Value));
            Assert.DoesNotContain(canary, all, StringComparison.OrdinalIgnoreCase);
            if (!message.RcptTo.Any(participants.Contains))
            {
                Assert.DoesNotContain(id.ToString(), all, StringComparison.OrdinalIgnoreCase);
            }
        }

        // Logs, every level.
        Assert.Contains("Trace", factory.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, factory.Logs.Text, StringComparison.OrdinalIgnoreCase);

        // The database: not in clear, in no encoding.
        string stored = await factory.StoredDataAsync();
        Assert.Contains(id.ToString(), stored, StringComparison.OrdinalIgnoreCase); // the dump is real
        byte[] bytes = Encoding.UTF8.GetBytes(canary);
        foreach (string form in SecretsAtRestTests.Forms(bytes).Append(Encoding.Latin1.GetString(Encoding.Unicode.GetBytes(canary))))
        {
            Assert.DoesNotContain(form, stored, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Every GET route, its values filled in: the report's id and attachment's id where a route names them, optional
    /// parts left out and also given each of the report page's handlers. A route with a value this test does not know
    /// fails it, so that a new route is looked at.
    /// </summary>
    private static IEnumerable<string> GetPaths(PlatformFactory factory, Guid id, Guid attachment)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["id"] = [id.ToString()],
            ["attachmentId"] = [attachment.ToString()],
            ["token"] = ["not-a-real-token"],
            ["documentName"] = ["v1"],
            ["name"] = ["lodash"], // package documents (npm audit): a registry's 404 without an upstream
            ["scoped"] = ["@types%2fnode"],
            ["scope"] = ["types"],
            ["ecosystem"] = ["npm"], // the public downloads (osv.dev's bucket layout)
            ["handler"] = [string.Empty, "transition", "comment", "invite", "remove"],
        };
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"));
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var partial = new List<string> { string.Empty };
            foreach (var segment in endpoint.RoutePattern.PathSegments)
            {
                var next = new List<string>();
                foreach (string prefix in partial)
                {
                    foreach (string text in SegmentTexts(segment, values, endpoint.RoutePattern.RawText))
                    {
                        next.Add(text.Length == 0 ? prefix : prefix + "/" + text);
                    }
                }

                partial = next;
            }

            foreach (string path in partial)
            {
                paths.Add(path.Length == 0 ? "/" : path);
            }
        }

        paths.Add("/api/reports?state=new");
        paths.Add("/reports?state=new");
        return paths.Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> SegmentTexts(RoutePatternPathSegment segment, Dictionary<string, string[]> values, string? route)
    {
        var texts = new List<string> { string.Empty };
        foreach (var part in segment.Parts)
        {
            string[] options = part switch
            {
                RoutePatternLiteralPart literal => [literal.Content],
                RoutePatternSeparatorPart separator => [separator.Content],
                RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var known)
                    ? known
                    : throw new InvalidOperationException($"The canary test has no value for {{{parameter.Name}}} in {route}: add one."),
                _ => throw new InvalidOperationException($"Unknown route part in {route}"),
            };
            texts = [.. texts.SelectMany(t => options.Select(o => t + o))];
        }

        return texts;
    }

    private static async Task<string> Describe(HttpResponseMessage response)
    {
        var text = new StringBuilder();
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(header.Key).Append(": ").AppendJoin(", ", header.Value).Append('\n');
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return text.Append(Encoding.UTF8.GetString(body)).Append('\n').Append(Uri.UnescapeDataString(Encoding.Latin1.GetString(body))).ToString();
    }

    /// <summary>A triager invites <paramref name="email"/> to the report; that new maintainer joins through the link.</summary>
    private static async Task<TestBrowser> JoinAsync(PlatformFactory factory, TestBrowser triager, Guid id, string email)
    {
        await triager.GetAsync($"/reports/{id}");
        var (sent, _) = await triager.PostAsync($"/reports/{id}/invite", new() { ["email"] = email }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        string link = InvitationLink().Match(Assert.Single(await factory.OutboxToAsync(email)).TextBody).Groups[1].Value;
        Assert.NotEmpty(link);
        await factory.CreateUserAsync(email, [Roles.Maintainer]);
        var browser = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).StatusCode);
        await browser.GetAsync($"/invitations/{link}");
        var (joined, _) = await browser.PostAsync($"/invitations/{link}", [], withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        return browser;
    }

    /// <summary>Runs the outbox until every message was accepted by the SMTP server.</summary>
    private static async Task DeliverAllAsync(PlatformFactory factory, SmtpSink sink)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await factory.WithScopeAsync(services => services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(100));
            int waiting = await factory.QueryAsync(db => db.Outbox.CountAsync(m => m.SentAt == null));
            int total = await factory.QueryAsync(db => db.Outbox.CountAsync());
            if (waiting == 0 && sink.Messages.Count >= total)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{waiting} messages not delivered, {sink.Messages.Count} of {total} received");
            // A message the worker holds is released when its lease ends: move the fake clock past it.
            factory.Time.Advance(OutboxDelivery.Lease + TimeSpan.FromSeconds(1));
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task Expect(Task<(HttpResponseMessage Response, string Body)> step)
    {
        var (response, body) = await step;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {body}");
    }

    [GeneratedRegex("/invitations/([A-Za-z0-9_\\-]+)")]
    private static partial Regex InvitationLink();
}
