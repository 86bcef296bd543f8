using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// The random secrets the platform hands out once (API tokens, sign-in links, invitations) and the hash it keeps of
/// them. SHA-256 without salt is enough: a secret is 256 random bits, not a password.
/// </summary>
public static class SecretTokens
{
    /// <summary>A new secret: 32 random bytes, base64url, safe in a URL path.</summary>
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The hash stored for a secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
