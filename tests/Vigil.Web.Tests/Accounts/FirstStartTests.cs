using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed class FirstStartTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_first_start_link_sets_the_administrator_password_once_and_leads_to_enrolment(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        string path = factory.FirstStartPath();
        string token = path["/account/welcome/".Length..];
        var hashes = await factory.QueryAsync(db => db.SignInLinks.AsNoTracking().Select(l => l.Hash).ToListAsync());
        Assert.Equal([SecretTokens.Hash(token)], hashes);

        using var browser = factory.Browser();
        using var other = factory.Browser();
        await other.GetAsync(path); // a second browser has the form open too
        var (open, page) = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains("admin@localhost", page, StringComparison.Ordinal);
        var (set, _) = await browser.PostAsync(path, new() { ["Password"] = PlatformFactory.Password }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/two-factor", set.Headers.Location!.OriginalString);
        // An administrator must enrol before anything else.
        var (users, _) = await browser.GetAsync("/admin/users");
        Assert.Equal("/account/two-factor", users.Headers.Location!.OriginalString);

        var (_, reusedPost) = await other.PostAsync(path, new() { ["Password"] = "an attacker's password" }, withToken: true);
        Assert.Contains("not valid", reusedPost, StringComparison.Ordinal);
        using var third = factory.Browser();
        var (_, reused) = await third.GetAsync(path);
        Assert.Contains("not valid", reused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_expires_after_24_hours()
    {
        using var factory = new PlatformFactory();
        string path = factory.FirstStartPath();
        factory.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        using var browser = factory.Browser();
        var (_, page) = await browser.GetAsync(path);
        Assert.Contains("not valid", page, StringComparison.Ordinal);
    }
}
