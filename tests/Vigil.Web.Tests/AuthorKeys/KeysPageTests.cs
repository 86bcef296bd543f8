using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Signing.Authors;
using Vigil.Web.Features.AuthorKeys;
using Vigil.Web.Tests.Maintainers;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.AuthorKeys;

/// <summary>
/// The /account/keys page: a maintainer signs the challenge the page shows, registers the key with the form, sees it
/// active, revokes it with its button; refusals show the reason on the page, encoded; another user's key is not theirs to revoke.
/// </summary>
public sealed partial class KeysPageTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_maintainer_registers_and_revokes_a_key_through_the_page(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter); // left-pad
        await ReportSteps.TransitionAsync(triager, id, "Accept");
        using var maintainer = await MaintainerSteps.InviteAndJoinAsync(factory, triager, id, "maintainer@example.org");
        using var key = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);

        var (page, body) = await maintainer.GetAsync("/account/keys");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("You have no signing keys.", body, StringComparison.Ordinal);
        string challenge = ChallengeOf(body);

        // A refusal: the page again, the reason shown and the outside text encoded.
        var (refusedPage, refused) = await maintainer.PostAsync("/account/keys?handler=Register", new()
        {
            ["package"] = "<script>alert(1)</script>", ["publicKey"] = key.PublicKey.ToPem(), ["challenge"] = challenge, ["signature"] = "AAAA",
        }, withToken: true);
        Assert.Equal(HttpStatusCode.OK, refusedPage.StatusCode);
        Assert.Contains("The package name is required and must be an npm package name.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", refused, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", refused, StringComparison.Ordinal);

        challenge = ChallengeOf(refused);
        string signature = Convert.ToBase64String(key.Sign(SignedMessage.ForKeyChallenge(challenge, key.PublicKey.KeyId)));
        var (registered, _) = await maintainer.PostAsync("/account/keys?handler=Register", new()
        {
            ["package"] = "left-pad", ["publicKey"] = key.PublicKey.ToPem(), ["challenge"] = challenge, ["signature"] = signature,
        }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var (_, listed) = await maintainer.GetAsync("/account/keys?done=registered");
        // Razor encodes the id's base64 (a '+' becomes &#x2B;): compare with the page's own encoding of it.
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(key.PublicKey.KeyId), listed, StringComparison.Ordinal);
        Assert.Contains("<span>Active</span>", listed, StringComparison.Ordinal);
        long keyId = await factory.QueryAsync(db => db.Set<AuthorKeyRecord>().Select(k => k.Id).SingleAsync());

        // Another signed-in user cannot revoke it through the page; without the anti-forgery token nobody can.
        var (strangerRevoke, _) = await reporter.PostAsync("/account/keys?handler=Revoke", new() { ["id"] = keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "compromised" }, withToken: true);
        Assert.Equal(HttpStatusCode.NotFound, strangerRevoke.StatusCode);
        var (noToken, _) = await maintainer.PostAsync("/account/keys?handler=Revoke", new() { ["id"] = keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "compromised" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Null(await factory.QueryAsync(db => db.Set<AuthorKeyRecord>().Select(k => k.RevokedAt).SingleAsync()));

        var (revoked, _) = await maintainer.PostAsync("/account/keys?handler=Revoke", new() { ["id"] = keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "compromised" }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var (_, after) = await maintainer.GetAsync("/account/keys?done=revoked");
        Assert.Contains("(compromised)", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<span>Active</span>", after, StringComparison.Ordinal);
        Assert.Equal("compromised", await factory.QueryAsync(db => db.Set<AuthorKeyRecord>().Select(k => k.RevokedReason).SingleAsync()));
    }

    private static string ChallengeOf(string body)
    {
        var match = ChallengePattern().Match(body);
        Assert.True(match.Success, "no challenge on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("""<input type="hidden" name="challenge" value="([^"]+)">""")]
    private static partial Regex ChallengePattern();
}
