using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>The signed-in user, as the API shows it.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Roles">reporter, maintainer, triager, administrator.</param>
/// <param name="TwoFactorEnabled">Whether sign-in asks for a TOTP code.</param>
/// <param name="Scopes">The token's scopes; null for a browser session (which has every scope).</param>
public sealed record MeResponse(string Id, string? Email, IReadOnlyList<string> Roles, bool TwoFactorEnabled, IReadOnlyList<string>? Scopes);

/// <summary>A token as listed: never the secret.</summary>
public sealed record TokenResponse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt);

/// <summary>What to create a token with.</summary>
/// <param name="Name">What the token is for.</param>
/// <param name="Scopes">One or more of account:read, reports:read, reports:write, advisories:write.</param>
/// <param name="Days">How long it is valid, 1 to 366 days.</param>
public sealed record CreateTokenRequest(string Name, IReadOnlyList<string> Scopes, [property: DefaultValue(90)] int Days = 90);

/// <summary>A new token: <paramref name="Token"/> is shown in this answer only.</summary>
public sealed record CreatedTokenResponse(Guid Id, string Token, DateTime ExpiresAt);

/// <summary><c>/api/me</c> and <c>/api/tokens</c>.</summary>
public static class AccountsEndpoints
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMeAsync).RequireAuthorization(Scopes.Policy(Scopes.AccountRead))
            .WithSummary("The signed-in user").WithTags("Account");

        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.Interactive).WithTags("Tokens");
        tokens.MapGet("/", ListTokensAsync).WithSummary("Your API tokens (browser session only)");
        tokens.MapPost("/", CreateTokenAsync).WithSummary("Create an API token (browser session with anti-forgery token only)");
        tokens.MapDelete("/{id:guid}", RevokeTokenAsync).WithSummary("Revoke an API token (browser session with anti-forgery token only)");
        return api;
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> GetMeAsync(HttpContext http, UserManager<PlatformUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        bool isToken = http.User.Identity?.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName;
        var scopes = isToken ? http.User.FindAll(Scopes.ClaimType).Select(c => c.Value).ToList() : null;
        return TypedResults.Ok(new MeResponse(user.Id, user.Email, [.. await users.GetRolesAsync(user)], user.TwoFactorEnabled, scopes));
    }

    private static async Task<Ok<List<TokenResponse>>> ListTokensAsync(HttpContext http, UserManager<PlatformUser> users, ApiTokenService tokens)
    {
        var list = await tokens.ListAsync(users.GetUserId(http.User)!, http.RequestAborted);
        return TypedResults.Ok(list.Select(t => new TokenResponse(t.Id, t.Name, t.Prefix, t.Scopes.Split(' '), t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToList());
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateTokenAsync(
        CreateTokenRequest request, HttpContext http, UserManager<PlatformUser> users, ApiTokenService tokens)
    {
        try
        {
            var (token, secret) = await tokens.CreateAsync(users.GetUserId(http.User)!, request.Name ?? string.Empty, request.Scopes ?? [], TimeSpan.FromDays(request.Days), http.RequestAborted);
            return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedTokenResponse(token.Id, secret, token.ExpiresAt));
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The token cannot be created.", detail: e.Message);
        }
    }

    private static async Task<Results<NoContent, NotFound>> RevokeTokenAsync(Guid id, HttpContext http, UserManager<PlatformUser> users, ApiTokenService tokens) =>
        await tokens.RevokeAsync(users.GetUserId(http.User)!, id, http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();
}
