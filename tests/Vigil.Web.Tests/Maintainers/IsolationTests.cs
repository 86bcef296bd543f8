using System.Net;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Maintainers;

/// <summary>A maintainer invited to one report sees that report's thread and nothing else.</summary>
public sealed class IsolationTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_maintainer_sees_only_their_report_without_internal_notes_or_the_reporters_address(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "private.reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var a = await ReportSteps.SubmitAsync(reporter, ReportSteps.ValidForm(title: "Report A title"), ("a.txt", "notes for A"u8.ToArray()));
        var b = await ReportSteps.SubmitAsync(reporter, ReportSteps.ValidForm(title: "Report B title"), ("b.txt", "notes for B"u8.ToArray()));
        await ReportSteps.TransitionAsync(triager, a, "Accept");
        await ReportSteps.TransitionAsync(triager, b, "Accept");
        await ReportSteps.CommentAsync(triager, a, "Internal: the reporter seems to be a competitor", isInternal: true);
        await ReportSteps.CommentAsync(reporter, a, "Happy to help test the fix.");
        using var maintainer = await MaintainerSteps.InviteAndJoinAsync(factory, triager, a, "maintainer@example.org");

        // Report A: its texts and thread, no internal note, no reporter address, no triage tools.
        var (pageA, bodyA) = await maintainer.GetAsync($"/reports/{a}");
        Assert.Equal(HttpStatusCode.OK, pageA.StatusCode);
        Assert.Contains("Report A title", bodyA, StringComparison.Ordinal);
        Assert.Contains("Happy to help test the fix.", bodyA, StringComparison.Ordinal);
        Assert.DoesNotContain("competitor", bodyA, StringComparison.Ordinal);
        Assert.DoesNotContain("private.reporter", bodyA, StringComparison.Ordinal);
        Assert.Contains("the reporter", bodyA, StringComparison.Ordinal);
        Assert.DoesNotContain("/maintainers\"", bodyA, StringComparison.Ordinal);
        Assert.DoesNotContain("/invite\"", bodyA, StringComparison.Ordinal);
        Assert.DoesNotContain("isInternal", bodyA, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await maintainer.GetAsync($"/reports/{a}/maintainers")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await maintainer.PostAsync($"/reports/{a}/maintainers", [], withToken: true)).Response.StatusCode);

        // The reporter's address is still shown to the triage team and to the reporter.
        Assert.Contains("private.reporter@example.org", (await triager.GetAsync($"/reports/{a}")).Body, StringComparison.Ordinal);
        Assert.Contains("private.reporter@example.org", (await reporter.GetAsync($"/reports/{a}")).Body, StringComparison.Ordinal);

        // Report B does not exist for the maintainer, on any of its routes.
        string attachmentB = await factory.QueryAsync(db => Task.FromResult(db.ReportAttachments.Where(x => x.ReportId == b).Select(x => x.Id).Single().ToString()));
        await maintainer.GetAsync($"/reports/{a}");
        foreach (string path in new[] { $"/reports/{b}", $"/reports/{b}/maintainers", $"/reports/{b}/proposals", $"/reports/{b}/attachments/{attachmentB}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await maintainer.GetAsync(path)).Response.StatusCode);
        }

        foreach (string action in new[] { "proposals", "comment", "invite", "transition", "maintainers" })
        {
            var (post, _) = await maintainer.PostAsync($"/reports/{b}/{action}", new() { ["fixedVersion"] = "1.3.1", ["body"] = "hello", ["email"] = "x@example.org", ["action"] = "StartFix" }, withToken: true);
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {action}: {(int)post.StatusCode}");
        }

        // The list holds A only.
        var (_, list) = await maintainer.GetAsync("/reports");
        Assert.Contains(a.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(b.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain("Report B title", list, StringComparison.Ordinal);
    }
}
