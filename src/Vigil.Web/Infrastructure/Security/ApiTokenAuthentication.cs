using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// <c>Authorization: Bearer vigil_…</c>: looks the token's hash up on every request, so that revoking a token,
/// its expiry or disabling its owner takes effect on the very next request.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PlatformDbContext db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name, also the identity's authentication type.</summary>
    public const string SchemeName = "ApiToken";

    /// <summary>The claim that names the token a request came with.</summary>
    public const string TokenIdClaim = "vigil:token";

    /// <summary>True when the request carries a bearer token (then this scheme, not the cookie, decides).</summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        string secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("malformed token");
        }

        string hash = SecretTokens.Hash(secret);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .SingleOrDefaultAsync(Context.RequestAborted);
        var now = time.GetUtcNow().UtcDateTime;
        if (found is null || found.Token.RevokedAt is not null || found.Token.ExpiresAt <= now || found.User.DisabledAt is not null)
        {
            return AuthenticateResult.Fail("unknown, expired or revoked token");
        }

        var roles = await db.UserRoles.Where(r => r.UserId == found.User.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(Context.RequestAborted);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, found.User.Id),
            new(ClaimTypes.Name, found.User.UserName ?? found.User.Id),
            new(TokenIdClaim, found.Token.Id.ToString()),
            .. roles.Select(r => new Claim(ClaimTypes.Role, r)),
            .. found.Token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(Scopes.ClaimType, s)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
