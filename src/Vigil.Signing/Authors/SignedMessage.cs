using System.Text;

namespace Vigil.Signing.Authors;

/// <summary>
/// The bytes a signature is made over: a domain (what kind of statement this is, with its version) and fields, each
/// written as a netstring (<c>length:bytes,</c>, the length in decimal bytes of UTF-8). The encoding is unambiguous
/// (no field can run into the next) and the domain comes first, so a signature made for one kind of statement (an
/// author signature, a keyring, a key registration challenge) can never be taken for another.
/// </summary>
public static class SignedMessage
{
    /// <summary>The domain of author signatures over a package version.</summary>
    public const string AuthorSignatureDomain = "vigil-author-signature-v1";

    /// <summary>The domain of the platform's signature over a keyring document.</summary>
    public const string KeyringDomain = "vigil-keyring-v1";

    /// <summary>The domain of a key registration challenge signed as proof of possession.</summary>
    public const string KeyChallengeDomain = "vigil-key-challenge-v1";

    /// <summary>The message for <paramref name="domain"/> and <paramref name="fields"/>.</summary>
    public static byte[] Encode(string domain, params ReadOnlySpan<string> fields)
    {
        var buffer = new MemoryStream();
        Write(buffer, Encoding.UTF8.GetBytes(domain));
        foreach (var field in fields)
        {
            Write(buffer, Encoding.UTF8.GetBytes(field));
        }

        return buffer.ToArray();
    }

    /// <summary>The message for <paramref name="domain"/> and one field of raw bytes (a keyring document as published).</summary>
    public static byte[] Encode(string domain, ReadOnlySpan<byte> payload)
    {
        var buffer = new MemoryStream();
        Write(buffer, Encoding.UTF8.GetBytes(domain));
        Write(buffer, payload);
        return buffer.ToArray();
    }

    /// <summary>The message of an author signature: the package's name, version, integrity, the key's id and the time signed.</summary>
    public static byte[] ForAuthorSignature(string name, string version, string integrity, string keyId, string created) =>
        Encode(AuthorSignatureDomain, name, version, integrity, keyId, created);

    /// <summary>The message a maintainer signs to prove they hold the key they register.</summary>
    public static byte[] ForKeyChallenge(string challenge, string keyId) => Encode(KeyChallengeDomain, challenge, keyId);

    private static void Write(MemoryStream buffer, ReadOnlySpan<byte> bytes)
    {
        buffer.Write(Encoding.ASCII.GetBytes(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        buffer.WriteByte((byte)':');
        buffer.Write(bytes);
        buffer.WriteByte((byte)',');
    }
}
