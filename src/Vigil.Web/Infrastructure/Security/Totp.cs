using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// RFC 6238 time-based one-time passwords: HMAC-SHA-1, 30-second steps, 6 digits (what authenticator apps use).
/// </summary>
/// <remarks>
/// Ours, not Identity's AuthenticatorTokenProvider: that one accepts codes from several steps around now and
/// keeps no record of used codes, so a code seen once can be replayed (docs/adr/0005). The algorithm is a few
/// lines; the replay rule lives in <see cref="TotpTokenProvider"/>.
/// </remarks>
internal static class Totp
{
    public const int StepSeconds = 30;

    public const int Digits = 6;

    /// <summary>The time step that <paramref name="time"/> falls in.</summary>
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for one step.</summary>
    public static string Code(ReadOnlySpan<byte> key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA-1; HMAC does not rest on SHA-1's collision resistance.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        int offset = hash[^1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The step among now-1, now and now+1 whose code is <paramref name="code"/>, or null. Codes are compared in
    /// constant time.
    /// </summary>
    public static long? MatchingStep(ReadOnlySpan<byte> key, string code, DateTimeOffset now)
    {
        code = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        long current = StepAt(now);
        long? found = null;
        for (long step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                found ??= step;
            }
        }

        return found;
    }

    /// <summary>A new 160-bit secret, base32 (RFC 4226 recommends 160 bits).</summary>
    public static string NewSecret() => Base32.Encode(RandomNumberGenerator.GetBytes(20));

    /// <summary>The <c>otpauth://</c> URI authenticator apps import (Google's Key Uri Format).</summary>
    public static string OtpAuthUri(string issuer, string account, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}
