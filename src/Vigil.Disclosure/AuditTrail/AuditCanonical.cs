using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Disclosure.AuditTrail;

/// <summary>
/// The unambiguous byte form of an entry that its hash covers: a version tag, then each field as its UTF-8 byte
/// length in decimal, a colon and the bytes, each followed by a line feed. Lengths make every split of the fields
/// distinct, so <c>("ab","c")</c> and <c>("a","bc")</c> never hash alike, whatever characters the texts hold.
/// </summary>
public static class AuditCanonical
{
    /// <summary>The tag that starts every canonical form; a new form would get a new tag.</summary>
    public const string Version = "vigil-audit-v1";

    /// <summary>The first entry's previous hash.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The canonical bytes of an entry's fields (the time in UTC, to the tick).</summary>
    public static byte[] Serialize(long sequence, DateTimeOffset time, string actor, string action, string subject, string detail)
    {
        var builder = new StringBuilder();
        foreach (string field in (ReadOnlySpan<string>)[
            Version,
            sequence.ToString(CultureInfo.InvariantCulture),
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            actor, action, subject, detail])
        {
            ArgumentNullException.ThrowIfNull(field);
            builder.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetBytes(builder.ToString());
    }

    /// <summary>The hash of an entry: SHA-256 of the previous hash's 32 bytes followed by the canonical form, in lower-case hex.</summary>
    public static string Hash(string previousHash, long sequence, DateTimeOffset time, string actor, string action, string subject, string detail)
    {
        byte[] previous = Convert.FromHexString(previousHash);
        if (previous.Length != 32)
        {
            throw new ArgumentException("A previous hash is 64 hex digits.", nameof(previousHash));
        }

        byte[] fields = Serialize(sequence, time, actor, action, subject, detail);
        return Convert.ToHexStringLower(SHA256.HashData([.. previous, .. fields]));
    }

    /// <summary>The hash the entry should have, from its own fields.</summary>
    public static string Hash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Hash(entry.PreviousHash, entry.Sequence, entry.Time, entry.Actor, entry.Action, entry.Subject, entry.Detail);
    }
}
