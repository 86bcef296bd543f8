using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Testing;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Deadlines;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// Key rotation: every sealed value is re-sealed under a new key; an interrupted run leaves every value readable
/// under the old key or the new one and a second run finishes; then the old key is removed and everything still opens.
/// </summary>
public sealed class ResealTests
{
    private const string Title = "Prototype pollution in padStart";
    private const string Comment = "Here is a second proof.";
    private const string BallotReason = "The maintainer needs two more weeks for the release.";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Every_sealed_value_moves_to_the_new_key_resumably_and_the_old_key_can_go(string engine)
    {
        using var folder = new TempDirectory();
        await using var postgres = engine == "postgres" ? await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken) : null;
        string keyFile = folder.File("report-keys");
        var settings = new Dictionary<string, string?> { ["Vigil:KeyFile"] = keyFile };
        settings[postgres is null ? "Vigil:Db" : "Vigil:Postgres"] = postgres?.ConnectionString ?? folder.File("vigil.db");
        byte[] attachment = Encoding.UTF8.GetBytes("step 1: npm install left-pad\n");
        string totp = Totp.NewSecret();
        Guid id;
        string oldKey;

        // Everything sealed under the first key: report texts, reasons, a comment, an attachment, a ballot, a TOTP secret, mail, the key ring.
        using (var first = new PlatformFactory(settings))
        {
            using var reporter = await ReportSteps.ReporterAsync(first, "reporter@example.org");
            using var triager = await TriagerAsync(first, totp);
            id = await ReportSteps.SubmitAsync(reporter, null, ("poc.txt", attachment));
            Assert.Equal(HttpStatusCode.Redirect, (await ReportSteps.TransitionAsync(triager, id, "RequestInfo", new() { ["reason"] = "Which versions?" })).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await ReportSteps.TransitionAsync(reporter, id, "ProvideInfo", new() { ["reason"] = "All before 1.3.1." })).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await ReportSteps.TransitionAsync(triager, id, "Accept")).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await ReportSteps.CommentAsync(reporter, id, Comment)).Response.StatusCode);
            var due = DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(first, id));
            Assert.Equal(HttpStatusCode.Redirect, (await DeadlineSteps.OpenBallotAsync(triager, id, $"{due.AddDays(14):yyyy-MM-dd}", BallotReason)).Response.StatusCode);
            oldKey = first.Services.GetRequiredService<SecretCipher>().CurrentKeyId;
        }

        string newKey = KeyRotation.AppendNewKey(keyFile);
        Assert.NotEqual(oldKey, newKey);

        using (var second = new PlatformFactory(settings))
        {
            var cipher = second.Services.GetRequiredService<SecretCipher>();
            Assert.Equal(newKey, cipher.CurrentKeyId);
            int before = await second.WithScopeAsync(s => KeyRotation.CountUnderOtherKeysAsync(s.GetRequiredService<PlatformDbContext>(), cipher, TestContext.Current.CancellationToken));
            Assert.True(before >= 15, $"only {before} sealed values under the old key");

            // Interrupted after three committed batches of one row: a mix of keys, all readable.
            int batches = 0;
            await Assert.ThrowsAsync<OperationCanceledException>(() => second.WithScopeAsync(s => KeyRotation.ResealAsync(
                s.GetRequiredService<PlatformDbContext>(), cipher, 1, (_, _) => { if (++batches == 3) { throw new OperationCanceledException("the power went out"); } },
                TestContext.Current.CancellationToken)));
            int left = await second.WithScopeAsync(s => KeyRotation.CountUnderOtherKeysAsync(s.GetRequiredService<PlatformDbContext>(), cipher, TestContext.Current.CancellationToken));
            Assert.InRange(left, 1, before - 3);
            await AssertReadableAsync(second, id, attachment, totp, 2);

            // Run again (the command): it finishes, and a third run has nothing to do.
            var output = new StringWriter();
            Assert.Equal(0, await KeyRotation.RunAsync(second.Services, output, TestContext.Current.CancellationToken));
            Assert.Contains("0 left under other keys", output.ToString(), StringComparison.Ordinal);
            var again = await second.WithScopeAsync(s => KeyRotation.ResealAsync(s.GetRequiredService<PlatformDbContext>(), cipher, 50, null, TestContext.Current.CancellationToken));
            Assert.Equal(0, again.Total);
            Assert.Equal(0, again.LeftUnderOtherKeys);
        }

        // The old key leaves the file; the platform still opens everything.
        File.WriteAllLines(keyFile, File.ReadAllLines(keyFile).Where(line => !line.StartsWith(oldKey + " ", StringComparison.Ordinal)));
        Assert.DoesNotContain(oldKey, File.ReadAllText(keyFile), StringComparison.Ordinal);
        using var third = new PlatformFactory(settings);
        await AssertReadableAsync(third, id, attachment, totp, 10);
        var mail = await third.OutboxToAsync("reporter@example.org");
        Assert.NotEmpty(mail);
        Assert.All(mail, m => Assert.StartsWith("[Vigil]", m.Subject, StringComparison.Ordinal));
    }

    private static async Task AssertReadableAsync(PlatformFactory factory, Guid id, byte[] attachment, string totp, int minutesLater)
    {
        using var reporter = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.SignInAsync("reporter@example.org")).StatusCode);
        var (page, body) = await reporter.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (string text in new[] { Title, Comment, BallotReason, "Which versions?", "All before 1.3.1.", "pollutes", "poc.txt" })
        {
            Assert.Contains(text, body, StringComparison.Ordinal);
        }

        var attachmentId = await factory.QueryAsync(db => db.ReportAttachments.Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken));
        var download = await reporter.Client.GetAsync($"/reports/{id}/attachments/{attachmentId}", TestContext.Current.CancellationToken);
        Assert.Equal(attachment, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        factory.Time.Advance(TimeSpan.FromMinutes(minutesLater)); // a TOTP code works once: a step no earlier sign-in used
        using var triager = await SignInTriagerAsync(factory, totp);
        Assert.Equal(HttpStatusCode.OK, (await triager.GetAsync($"/reports/{id}")).Response.StatusCode);
    }

    private static async Task<TestBrowser> TriagerAsync(PlatformFactory factory, string totp)
    {
        await factory.CreateUserAsync("triager@example.org", [Roles.Triager], totp);
        return await SignInTriagerAsync(factory, totp);
    }

    private static async Task<TestBrowser> SignInTriagerAsync(PlatformFactory factory, string totp)
    {
        var browser = factory.Browser();
        await browser.SignInAsync("triager@example.org");
        string code = Totp.Code(Base32.Decode(totp)!, Totp.StepAt(factory.Time.GetUtcNow()));
        var (response, body) = await browser.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"two-factor sign-in answered {(int)response.StatusCode}: {body}");
        return browser;
    }
}
