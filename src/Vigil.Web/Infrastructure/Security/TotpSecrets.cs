using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// A user's TOTP secret is stored sealed (<see cref="SecretCipher.SealText"/>), bound to the user's id and its
/// purpose: <c>user:&lt;id&gt;:totp</c>. Only these two methods read or write <see cref="PlatformUser.TotpSecret"/>.
/// </summary>
internal static class TotpSecrets
{
    /// <summary>The associated data that binds a secret to its user.</summary>
    public static string Context(string userId) => $"user:{userId}:totp";

    /// <summary>Stores <paramref name="base32Secret"/> sealed on <paramref name="user"/> (the caller saves).</summary>
    public static void Set(PlatformUser user, string base32Secret, SecretCipher cipher) =>
        user.TotpSecret = cipher.SealText(base32Secret, Context(user.Id));

    /// <summary>The user's secret in base32, or null when enrolment has not started.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The stored value does not open with the key file.</exception>
    public static string? Get(PlatformUser user, SecretCipher cipher) =>
        user.TotpSecret is null ? null : cipher.OpenText(user.TotpSecret, Context(user.Id));
}
