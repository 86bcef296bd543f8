using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Signing.Authors;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.AuthorKeys;

/// <summary>A challenge to sign (<c>vigil sign --challenge</c>).</summary>
public sealed record ChallengeResponse(string Challenge, DateTime ExpiresAt);

/// <summary>A key registration: the package, the public key (PEM or base64 SPKI), the challenge and its signature (base64), and optionally the key id it replaces.</summary>
public sealed record RegisterKeyRequest(string? Package, string? PublicKey, string? Challenge, string? Signature, string? Replaces);

/// <summary>A revocation's reason (<c>superseded</c>, <c>compromised</c>, or a few words).</summary>
public sealed record RevokeKeyRequest(string? Reason);

/// <summary>A registered key as its owner sees it.</summary>
public sealed record AuthorKeyResponse(long Id, string Package, string KeyId, string Algorithm, DateTime ValidFrom, DateTime? RevokedAt, string? RevokedReason);

/// <summary>
/// Author keys (docs/adr/0011): the key API under <c>/api/author-keys</c> (browser sessions only, with the
/// anti-forgery header) and the published keyring <c>GET /keyring.json</c> (anonymous, rate-limited, ETag).
/// </summary>
public static class AuthorKeysSetup
{
    /// <summary>Registers the service and the platform's keyring key.</summary>
    public static IServiceCollection AddAuthorKeys(this IServiceCollection services)
    {
        services.AddScoped<AuthorKeyService>();
        services.AddSingleton<KeyringSigningKey>();
        return services;
    }

    /// <summary>The public keyring.</summary>
    public static WebApplication MapKeyring(this WebApplication app)
    {
        KeyringValidity(app.Configuration); // a bad setting stops the start, not a request
        app.MapGet("/keyring.json", KeyringAsync).AllowAnonymous().RequireRateLimiting(RateLimits.PublicApi).ExcludeFromDescription();
        return app;
    }

    /// <summary>The key API.</summary>
    public static RouteGroupBuilder MapAuthorKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/author-keys").RequireAuthorization(Policies.Interactive).WithTags("Author keys");
        keys.MapGet("/", ListAsync).WithSummary("Your author signing keys (browser session only)");
        keys.MapPost("/challenges", ChallengeAsync).WithSummary("A single-use challenge to sign with the key you register (vigil sign --challenge)");
        keys.MapPost("/", RegisterAsync).WithSummary("Register a public key for a package you maintain, with the challenge's signature");
        keys.MapPost("/{id:long}/revoke", RevokeAsync).WithSummary("Revoke a key (its owner, a triager or an administrator)");
        return api;
    }

    /// <summary>How long a published keyring is good for (<c>Vigil:AuthorKeys:KeyringValidityDays</c>, 1 to 365, default 7).</summary>
    public static TimeSpan KeyringValidity(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? configured = configuration["Vigil:AuthorKeys:KeyringValidityDays"];
        if (configured is null)
        {
            return TimeSpan.FromDays(7);
        }

        return int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int days) && days is >= 1 and <= 365
            ? TimeSpan.FromDays(days)
            : throw new InvalidOperationException($"Vigil:AuthorKeys:KeyringValidityDays is '{configured}': a whole number of days from 1 to 365 is needed.");
    }

    // The keyring signed now expires after the validity, counted from the start of the hour (so the file, and its
    // ETag, stay the same within an hour): a client refuses an older one, so a stale keyring cannot be replayed forever.
    private static async Task KeyringAsync(HttpContext http, AuthorKeyService service, KeyringSigningKey signingKey, IConfiguration configuration, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var keyring = await service.KeyringAsync(http.RequestAborted) with { Expires = hour + KeyringValidity(configuration) };
        var bytes = SignedKeyring.Sign(keyring, signingKey.Key);
        string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    private static async Task<Results<Ok<List<AuthorKeyResponse>>, UnauthorizedHttpResult>> ListAsync(HttpContext http, ReportService reports, AuthorKeyService service)
    {
        if (await reports.ViewerAsync(http.User) is not { } viewer)
        {
            return TypedResults.Unauthorized();
        }

        var list = await service.ListAsync(viewer, http.RequestAborted);
        return TypedResults.Ok(list.Select(k => new AuthorKeyResponse(k.Id, k.Package, k.KeyId, k.Algorithm, k.ValidFrom, k.RevokedAt, k.RevokedReason)).ToList());
    }

    private static async Task<Results<Ok<ChallengeResponse>, UnauthorizedHttpResult>> ChallengeAsync(HttpContext http, ReportService reports, AuthorKeyService service)
    {
        if (await reports.ViewerAsync(http.User) is not { } viewer)
        {
            return TypedResults.Unauthorized();
        }

        var (challenge, expires) = await service.IssueChallengeAsync(viewer, http.RequestAborted);
        return TypedResults.Ok(new ChallengeResponse(challenge, expires));
    }

    private static async Task<Results<Created<AuthorKeyResponse>, ProblemHttpResult, UnauthorizedHttpResult>> RegisterAsync(
        RegisterKeyRequest request, HttpContext http, ReportService reports, AuthorKeyService service)
    {
        if (await reports.ViewerAsync(http.User) is not { } viewer)
        {
            return TypedResults.Unauthorized();
        }

        try
        {
            var k = await service.RegisterAsync(viewer, request.Package, request.PublicKey, request.Challenge, request.Signature, request.Replaces, http.RequestAborted);
            return TypedResults.Created($"/api/author-keys/{k.Id}", new AuthorKeyResponse(k.Id, k.Package, k.KeyId, k.Algorithm, k.ValidFrom, k.RevokedAt, k.RevokedReason));
        }
        catch (AuthorKeyException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult, UnauthorizedHttpResult>> RevokeAsync(
        long id, RevokeKeyRequest request, HttpContext http, ReportService reports, AuthorKeyService service)
    {
        if (await reports.ViewerAsync(http.User) is not { } viewer)
        {
            return TypedResults.Unauthorized();
        }

        try
        {
            return await service.RevokeAsync(viewer, id, request.Reason, http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();
        }
        catch (AuthorKeyException e)
        {
            return Problem(e);
        }
    }

    private static ProblemHttpResult Problem(AuthorKeyException e) => TypedResults.Problem(
        statusCode: e.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
        title: "The key cannot be registered or revoked.",
        detail: $"{e.Field}: {e.Message}");
}
