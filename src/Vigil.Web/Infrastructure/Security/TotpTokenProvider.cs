using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// The authenticator provider Identity uses for TOTP sign-in and enrolment: a code is accepted only within the
/// current step ±1, and only for a step later than the last one accepted for that user, so a code works once.
/// </summary>
/// <remarks>
/// The last step is claimed with one conditional UPDATE, so two requests racing with the same code cannot both
/// win, on SQLite or PostgreSQL.
/// </remarks>
internal sealed partial class TotpTokenProvider(PlatformDbContext db, TimeProvider time, SecretCipher cipher, ILogger<TotpTokenProvider> logger) : IUserTwoFactorTokenProvider<PlatformUser>
{
    /// <summary>The provider's name in Identity's token options.</summary>
    public const string Name = "VigilTotp";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PlatformUser> manager, PlatformUser user) =>
        Task.FromResult(user.TotpSecret is not null);

    public Task<string> GenerateAsync(string purpose, UserManager<PlatformUser> manager, PlatformUser user) =>
        throw new NotSupportedException("TOTP codes come from the user's authenticator app.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PlatformUser> manager, PlatformUser user)
    {
        string? secret;
        try
        {
            secret = TotpSecrets.Get(user, cipher);
        }
        catch (CryptographicException)
        {
            // The key file that sealed it is not this one (or the row was tampered with): no code can be right.
            LogUnreadableSecret(logger, user.Id);
            return false;
        }

        if (secret is null || Base32.Decode(secret) is not { } key)
        {
            return false;
        }

        if (Totp.MatchingStep(key, token, time.GetUtcNow()) is not long step)
        {
            return false;
        }

        int claimed = await db.Users
            .Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, step));
        return claimed == 1;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The TOTP secret of user {UserId} does not open with the key file; that user cannot sign in with a code")]
    private static partial void LogUnreadableSecret(ILogger logger, string userId);
}
