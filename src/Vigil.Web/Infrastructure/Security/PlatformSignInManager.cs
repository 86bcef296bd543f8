using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>Identity's sign-in manager; a disabled account can neither sign in nor keep a session.</summary>
public sealed class PlatformSignInManager(
    UserManager<PlatformUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PlatformUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PlatformUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PlatformUser> confirmation)
    : SignInManager<PlatformUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <inheritdoc/>
    public override async Task<bool> CanSignInAsync(PlatformUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DisabledAt is null && await base.CanSignInAsync(user);
    }

    /// <inheritdoc/>
    /// <remarks>Runs on every request (the validation interval is zero), so disabling takes effect at once.</remarks>
    public override async Task<PlatformUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { DisabledAt: null } ? user : null;
    }
}
