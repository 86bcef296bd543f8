using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Features.Nominations;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Nominations;

/// <summary>The steps the nomination tests share: nominating through the form, the clock's pass, the stored rows.</summary>
internal static class NominationSteps
{
    public const string Statement = "Has triaged Node.js reports for years.";

    /// <summary>Nominates through the form; returns the response and the new nomination's id (0 when refused).</summary>
    public static async Task<(HttpResponseMessage Response, string Body, long Id)> NominateAsync(
        TestBrowser browser, string nominee, string name = "Nominee Person", string handle = "nominee", string? employer = null, string statement = Statement)
    {
        var (response, body) = await browser.SubmitAsync("/nominations/new", new()
        {
            ["nominee"] = nominee,
            ["name"] = name,
            ["handle"] = handle,
            ["employer"] = employer ?? string.Empty,
            ["statement"] = statement,
        });
        long id = response.StatusCode == HttpStatusCode.Redirect ? long.Parse(response.Headers.Location!.OriginalString["/nominations/".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (response, body, id);
    }

    /// <summary>One pass of the nominations' clock at the fake clock's time; how many moved to onboarding.</summary>
    public static Task<int> PassAsync(PlatformFactory factory) =>
        factory.Services.GetRequiredService<NominationPass>().RunOnceAsync(factory.Time.GetUtcNow(), TestContext.Current.CancellationToken);

    public static Task<NominationRecord> NominationAsync(PlatformFactory factory, long id) =>
        factory.QueryAsync(db => db.Nominations.AsNoTracking().SingleAsync(n => n.Id == id));

    /// <summary>The end of the nomination's window, as stored.</summary>
    public static async Task<DateTimeOffset> CloseOfAsync(PlatformFactory factory, long id) =>
        new(DateTime.SpecifyKind((await NominationAsync(factory, id)).ObjectionsCloseAt, DateTimeKind.Utc));

    /// <summary>Moves the fake clock forward to <paramref name="at"/>.</summary>
    public static void AdvanceTo(PlatformFactory factory, DateTimeOffset at)
    {
        var now = factory.Time.GetUtcNow();
        Assert.True(at > now, $"the clock cannot go back from {now:O} to {at:O}");
        factory.Time.Advance(at - now);
    }

    /// <summary>Objects through the nomination page's form.</summary>
    public static Task<(HttpResponseMessage Response, string Body)> ObjectAsync(TestBrowser member, long id, string reason) =>
        member.SubmitAsync($"/nominations/{id}", new() { ["reason"] = reason }, $"/nominations/{id}?handler=Object");

    /// <summary>Moves an open nomination with no objection to onboarding: the clock to its window's end, one pass.</summary>
    public static async Task OnboardingAsync(PlatformFactory factory, long id)
    {
        AdvanceTo(factory, await CloseOfAsync(factory, id));
        Assert.Equal(1, await PassAsync(factory));
        Assert.Equal(NominationState.Onboarding, (await NominationAsync(factory, id)).State);
    }
}
