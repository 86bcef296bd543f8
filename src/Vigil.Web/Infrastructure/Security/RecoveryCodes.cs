using System.Security.Cryptography;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Recovery codes: 80 random bits as <c>XXXX-XXXX-XXXX-XXXX</c> (base32), stored as PBKDF2-SHA-256 with a
/// 128-bit salt each (ASVS 6.5.2: lookup secrets under 112 bits are hashed with a salted password hash).
/// </summary>
internal static class RecoveryCodes
{
    /// <summary>How many codes a user gets.</summary>
    public const int Count = 10;

    private const int Iterations = 100_000;

    public static string NewCode()
    {
        string text = Base32.Encode(RandomNumberGenerator.GetBytes(10));
        return $"{text[..4]}-{text[4..8]}-{text[8..12]}-{text[12..16]}";
    }

    public static string Hash(string code)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        return Convert.ToBase64String(salt) + ":" + Convert.ToBase64String(Derive(Normalize(code), salt));
    }

    public static bool Verify(string code, string stored)
    {
        int colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        byte[] salt = Convert.FromBase64String(stored[..colon]);
        byte[] expected = Convert.FromBase64String(stored[(colon + 1)..]);
        return CryptographicOperations.FixedTimeEquals(Derive(Normalize(code), salt), expected);
    }

    private static string Normalize(string code) =>
        new([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(code, salt, Iterations, HashAlgorithmName.SHA256, 32);
}
