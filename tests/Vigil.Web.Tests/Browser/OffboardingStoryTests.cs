using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using Vigil.Governance.Members;
using Vigil.Testing;
using Vigil.Web.Features.Offboarding;
using Vigil.Web.Tests.Offboarding;
using Vigil.Web.Tests.Support;
using Chromium = Vigil.Testing.Browser;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// An activity-check cycle in headless Chromium, with mail through a real SMTP server and the platform's fake clock:
/// one member confirms with the e-mailed link without signing in, the other does not answer, is reminded, becomes
/// emeritus, and comes back within the grace period with the link in the emeritus e-mail.
/// </summary>
public sealed class OffboardingStoryTests
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_member_who_does_not_answer_becomes_emeritus_and_comes_back_within_the_grace_period(string engine)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(cancellationToken: cancel);
        using var factory = await LiveServer.StartAsync(engine, new()
        {
            ["Vigil:Smtp:Host"] = sink.Host,
            ["Vigil:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Vigil:Smtp:UseTls"] = "false",
            ["Vigil:Smtp:From"] = "vigil@example.org",
            ["Vigil:Smtp:PollSeconds"] = "1",
        }, realMail: true);
        await using var chromium = await Chromium.LaunchAsync();
        await GroupSteps.MemberAsync(factory, "Ada");
        var ben = await GroupSteps.MemberAsync(factory, "Ben");
        await GroupSteps.MemberAsync(factory, "Cy");

        // Six months on, the clock asks everyone.
        OffboardingTests.AdvanceTo(factory, factory.Time.GetUtcNow().AddMonths(6));
        Assert.Equal(3, (await OffboardingTests.PassAsync(factory)).Asked);

        // Ada and Cy confirm from the e-mail, without signing in.
        foreach (string name in new[] { "Ada", "Cy" })
        {
            var page = await NewPageAsync(chromium, factory);
            await page.GotoAsync(await LinkInMailAsync(sink, GroupSteps.Email(name), "Are you still active", factory));
            await ChromiumSteps.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "I am still active" }));
            Assert.Contains("confirmed", await page.Locator("#confirmed").TextContentAsync(), StringComparison.Ordinal);
        }

        // Ben does not answer: reminded after two weeks, emeritus after four.
        factory.Time.Advance(TimeSpan.FromDays(14));
        Assert.Equal(1, (await OffboardingTests.PassAsync(factory)).Reminded);
        await LinkInMailAsync(sink, GroupSteps.Email("Ben"), "Reminder", factory);
        factory.Time.Advance(TimeSpan.FromDays(14));
        Assert.Equal(1, (await OffboardingTests.PassAsync(factory)).Emeritus);
        string returnLink = await LinkInMailAsync(sink, GroupSteps.Email("Ben"), "emeritus member", factory);
        Assert.EndsWith("/members/return", returnLink, StringComparison.Ordinal);
        Assert.Equal(MemberStatus.Emeritus, (await GroupSteps.RowAsync(factory, ben.Id)).Status);

        // Three weeks later, within the grace period, Ben signs in and comes back.
        factory.Time.Advance(TimeSpan.FromDays(21));
        var benPage = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(benPage, GroupSteps.Email("Ben"));
        await benPage.GotoAsync(returnLink);
        Assert.Contains("emeritus member since", await benPage.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await ChromiumSteps.SubmitAsync(benPage, benPage.GetByRole(AriaRole.Button, new() { Name = "Come back as an active member" }));
        Assert.Contains("active member again", await benPage.Locator("#returned").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(MemberStatus.Active, (await GroupSteps.RowAsync(factory, ben.Id)).Status);
        Assert.Equal(0, await factory.QueryAsync(db => db.Nominations.CountAsync(cancel)));
        Assert.Equal(new OffboardingPassResult(0, 0, 0, 0), await OffboardingTests.PassAsync(factory));
    }

    private static async Task<IPage> NewPageAsync(Chromium chromium, PlatformFactory factory)
    {
        var context = await chromium.Instance.NewContextAsync(new() { BaseURL = factory.Url() });
        return await context.NewPageAsync();
    }

    /// <summary>The link to this server in the message to <paramref name="to"/> whose subject has <paramref name="subject"/>, as the SMTP server received it.</summary>
    private static async Task<string> LinkInMailAsync(SmtpSink sink, string to, string subject, PlatformFactory factory)
    {
        var received = await sink.WaitForMessageAsync(
            m => m.RcptTo.Contains(to) && (m.Header("Subject") ?? string.Empty).Contains(subject, StringComparison.Ordinal),
            MailWait,
            TestContext.Current.CancellationToken);
        using var raw = new MemoryStream(received.Raw.ToArray());
        string text = (await MimeMessage.LoadAsync(raw, TestContext.Current.CancellationToken)).TextBody ?? string.Empty;
        var link = new Regex(Regex.Escape(factory.Url()) + @"/\S+").Match(text);
        Assert.True(link.Success, $"no link to {factory.Url()} in: {text}");
        return link.Value;
    }
}
