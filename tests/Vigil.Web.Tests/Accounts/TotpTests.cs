using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1111111111, "050471")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Codes_match_the_RFC_6238_SHA1_test_vectors(long unixSeconds, string sixDigits) =>
        Assert.Equal(sixDigits, Totp.Code(RfcKey, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(-2, false)]
    [InlineData(2, false)]
    public async Task A_code_is_accepted_only_within_one_step_of_now(int offset, bool accepted)
    {
        using var factory = new PlatformFactory();
        string secret = Totp.NewSecret();
        var user = await factory.CreateUserAsync("t@example.org", totpSecret: secret);
        long now = Totp.StepAt(factory.Time.GetUtcNow());

        Assert.Equal(accepted, await VerifyAsync(factory, user.Id, Totp.Code(Base32.Decode(secret), now + offset)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_code_works_once_and_no_older_code_works_after_it(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        string secret = Totp.NewSecret();
        byte[] key = Base32.Decode(secret)!;
        var user = await factory.CreateUserAsync("replay@example.org", totpSecret: secret);
        long now = Totp.StepAt(factory.Time.GetUtcNow());

        Assert.True(await VerifyAsync(factory, user.Id, Totp.Code(key, now)));
        Assert.False(await VerifyAsync(factory, user.Id, Totp.Code(key, now)));
        Assert.False(await VerifyAsync(factory, user.Id, Totp.Code(key, now - 1)));
        Assert.True(await VerifyAsync(factory, user.Id, Totp.Code(key, now + 1)));

        // Thirty seconds on, the code that was "now + 1" is current: still used up.
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await VerifyAsync(factory, user.Id, Totp.Code(key, now + 1)));
        Assert.True(await VerifyAsync(factory, user.Id, Totp.Code(key, now + 2)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_replayed_code_does_not_sign_in_a_second_session(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        string secret = Totp.NewSecret();
        await factory.CreateUserAsync("two@example.org", totpSecret: secret);
        string code = Totp.Code(Base32.Decode(secret), Totp.StepAt(factory.Time.GetUtcNow()));

        using var first = factory.Browser();
        var password = await first.SignInAsync("two@example.org");
        Assert.StartsWith("/account/sign-in/two-factor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var (accepted, _) = await first.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, accepted.StatusCode);

        using var second = factory.Browser();
        await second.SignInAsync("two@example.org");
        var (replayed, body) = await second.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
        Assert.Equal(System.Net.HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("not valid", body, StringComparison.Ordinal);
    }

    private static Task<bool> VerifyAsync(PlatformFactory factory, string userId, string code) => factory.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        var user = await users.FindByIdAsync(userId);
        return await users.VerifyTwoFactorTokenAsync(user!, TotpTokenProvider.Name, code);
    });
}
