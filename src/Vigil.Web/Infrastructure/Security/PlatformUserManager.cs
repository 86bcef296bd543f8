using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>Identity's user manager, with Vigil's recovery codes (80 bits, see <see cref="RecoveryCodes"/>).</summary>
public sealed class PlatformUserManager(
    IUserStore<PlatformUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<PlatformUser> passwordHasher,
    IEnumerable<IUserValidator<PlatformUser>> userValidators,
    IEnumerable<IPasswordValidator<PlatformUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<PlatformUser>> logger)
    : UserManager<PlatformUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <inheritdoc/>
    protected override string CreateTwoFactorRecoveryCode() => RecoveryCodes.NewCode();
}
