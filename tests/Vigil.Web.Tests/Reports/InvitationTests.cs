using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Reports;

/// <summary>Maintainers join one report through a single-use, expiring link sent to their address.</summary>
public sealed partial class InvitationTests
{
    [Fact]
    public async Task An_invited_maintainer_joins_that_report_only_once_and_the_token_is_stored_hashed()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        var other = await ReportSteps.SubmitAsync(reporter);
        await ReportSteps.TransitionAsync(triager, id, "Accept");

        // The reporter cannot invite; the triager can.
        await reporter.GetAsync($"/reports/{id}");
        var (refused, _) = await reporter.PostAsync($"/reports/{id}/invite", new() { ["email"] = "maintainer@example.org" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(await factory.OutboxToAsync("maintainer@example.org"));
        await triager.GetAsync($"/reports/{id}");
        var (bad, _) = await triager.PostAsync($"/reports/{id}/invite", new() { ["email"] = "not an address" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var (sent, _) = await triager.PostAsync($"/reports/{id}/invite", new() { ["email"] = "maintainer@example.org" }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mail = Assert.Single(await factory.OutboxToAsync("maintainer@example.org"));
        Assert.Contains("left-pad", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Prototype pollution", mail.TextBody, StringComparison.Ordinal);
        string token = Link().Match(mail.TextBody).Groups[1].Value;
        Assert.NotEmpty(token);
        var stored = await factory.QueryAsync(db => db.ReportInvitations.AsNoTracking().SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored.TokenHash);
        Assert.Equal("maintainer@example.org", stored.Email);

        // Someone else signed in cannot use the link.
        using var stranger = await ReportSteps.ReporterAsync(factory, "stranger@example.org");
        var (strangerPage, _) = await stranger.GetAsync($"/invitations/{token}");
        Assert.Equal(HttpStatusCode.NotFound, strangerPage.StatusCode);
        var (strangerPost, _) = await stranger.PostAsync($"/invitations/{token}", [], withToken: true);
        Assert.Equal(HttpStatusCode.NotFound, strangerPost.StatusCode);

        await factory.CreateUserAsync("maintainer@example.org", [Roles.Maintainer]);
        using var maintainer = factory.Browser();
        await maintainer.SignInAsync("maintainer@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await maintainer.GetAsync($"/reports/{id}")).Response.StatusCode);
        var (page, body) = await maintainer.GetAsync($"/invitations/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Join the report", body, StringComparison.Ordinal);
        var (joined, _) = await maintainer.PostAsync($"/invitations/{token}", [], withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/reports/{id}", joined.Headers.Location!.OriginalString);

        // That report, as a maintainer: no internal notes, no triage, the maintainer's actions.
        await ReportSteps.CommentAsync(triager, id, "internal: check the maintainer's SECURITY.md", isInternal: true);
        var (view, viewBody) = await maintainer.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.DoesNotContain("SECURITY.md", viewBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Triage checklist", viewBody, StringComparison.Ordinal);
        var (comment, _) = await ReportSteps.CommentAsync(maintainer, id, "We will release 1.3.1 on Friday.");
        Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await maintainer.GetAsync($"/reports/{other}")).Response.StatusCode);
        Assert.DoesNotContain(other.ToString(), (await maintainer.GetAsync("/reports")).Body, StringComparison.Ordinal);

        // The link works once.
        var (again, _) = await maintainer.PostAsync($"/invitations/{token}", [], withToken: true);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.ReportParticipants.CountAsync(p => p.Role == "maintainer")));

        // The triager removes the maintainer: their very next request finds nothing; the reporter cannot be removed.
        long row = await factory.QueryAsync(db => db.ReportParticipants.Where(p => p.Role == "maintainer").Select(p => p.Id).SingleAsync());
        long reporterRow = await factory.QueryAsync(db => db.ReportParticipants.Where(p => p.ReportId == id && p.Role == "reporter").Select(p => p.Id).SingleAsync());
        await triager.GetAsync($"/reports/{id}");
        var (keep, _) = await triager.PostAsync($"/reports/{id}/remove", new() { ["participant"] = reporterRow.ToString(System.Globalization.CultureInfo.InvariantCulture) }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, keep.StatusCode);
        var (removed, _) = await triager.PostAsync($"/reports/{id}/remove", new() { ["participant"] = row.ToString(System.Globalization.CultureInfo.InvariantCulture) }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await maintainer.GetAsync($"/reports/{id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync($"/reports/{id}")).Response.StatusCode);
    }

    [Fact]
    public async Task An_invitation_expires_after_seven_days()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        await triager.GetAsync($"/reports/{id}");
        await triager.PostAsync($"/reports/{id}/invite", new() { ["email"] = "late@example.org" }, withToken: true);
        string token = Link().Match(Assert.Single(await factory.OutboxToAsync("late@example.org")).TextBody).Groups[1].Value;

        factory.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        await factory.CreateUserAsync("late@example.org", [Roles.Maintainer]);
        using var maintainer = factory.Browser();
        await maintainer.SignInAsync("late@example.org");
        var (page, body) = await maintainer.GetAsync($"/invitations/{token}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("does not work", body, StringComparison.Ordinal);
        var (post, _) = await maintainer.PostAsync($"/invitations/{token}", [], withToken: true);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportParticipants.CountAsync(p => p.Role == "maintainer")));
    }

    [GeneratedRegex(@"https://vigil\.test/invitations/([A-Za-z0-9_\-]+)")]
    private static partial Regex Link();
}
