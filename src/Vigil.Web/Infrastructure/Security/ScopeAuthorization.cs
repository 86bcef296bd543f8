using Microsoft.AspNetCore.Authorization;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>The request may act within <see cref="Scope"/>: a token that has the scope, or a person's session.</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

/// <summary>Decides <see cref="ScopeRequirement"/>.</summary>
internal sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var identity = context.User.Identities.FirstOrDefault(i => i.IsAuthenticated);
        if (identity is null)
        {
            return Task.CompletedTask;
        }

        bool isToken = identity.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName;
        if (!isToken || identity.HasClaim(Scopes.ClaimType, requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
