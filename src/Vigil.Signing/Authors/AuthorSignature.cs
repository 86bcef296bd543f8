using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Signing.Integrity;

namespace Vigil.Signing.Authors;

/// <summary>
/// A detached author signature over one package version (a <c>.sig</c> file, JSON):
/// <c>{"format": "vigil-author-signature", "formatVersion": 1, "algorithm", "keyId", "name", "version", "integrity",
/// "created", "signature"}</c>. The signature is made over <see cref="SignedMessage.ForAuthorSignature"/> of the name,
/// version, integrity (one <c>sha512-</c> entry), key id and creation time (UTC, whole seconds, ISO 8601).
/// </summary>
/// <param name="Algorithm">The signing key's algorithm.</param>
/// <param name="KeyId">The signing key's id.</param>
/// <param name="Name">The package's name.</param>
/// <param name="Version">The package's version.</param>
/// <param name="Integrity">The tarball's integrity: one <c>sha512-</c> entry.</param>
/// <param name="Created">When it was signed, as the signer says (UTC, whole seconds).</param>
/// <param name="Signature">The signature bytes.</param>
public sealed record AuthorSignature(
    AuthorKeyAlgorithm Algorithm,
    string KeyId,
    string Name,
    string Version,
    string Integrity,
    DateTimeOffset Created,
    byte[] Signature)
{
    /// <summary>The <c>format</c> of a signature file.</summary>
    public const string Format = "vigil-author-signature";

    /// <summary>The only <c>formatVersion</c> this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Signature files larger than this are refused (a real one is under 1 KB).</summary>
    public const int MaxFileBytes = 16 * 1024;

    /// <summary>Names and versions longer than this are refused (npm's limit on names is 214).</summary>
    public const int MaxFieldLength = 256;

    /// <summary>The bytes the signature is over.</summary>
    public byte[] Message() => SignedMessage.ForAuthorSignature(Name, Version, Integrity, KeyId, CreatedText(Created));

    /// <summary>Signs <paramref name="name"/>@<paramref name="version"/> with integrity <paramref name="integrity"/> (which must have a sha512 entry).</summary>
    public static AuthorSignature Create(AuthorPrivateKey key, string name, string version, IntegrityValue integrity, DateTimeOffset created)
    {
        if (CheckFields(name, version) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var sha512 = integrity.Sha512 ?? throw new ArgumentException("the integrity has no sha512 entry", nameof(integrity));
        var whole = DateTimeOffset.FromUnixTimeSeconds(created.ToUnixTimeSeconds());
        var unsigned = new AuthorSignature(key.Algorithm, key.PublicKey.KeyId, name, version, sha512.ToString(), whole, []);
        return unsigned with { Signature = key.Sign(unsigned.Message()) };
    }

    /// <summary>True when this signature's bytes verify under <paramref name="key"/> (whose id and algorithm must be this signature's).</summary>
    public bool VerifiesWith(AuthorPublicKey key) =>
        key.KeyId == KeyId && key.Algorithm == Algorithm && key.Verify(Message(), Signature);

    /// <summary>The signature file's JSON.</summary>
    public string ToJson()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("algorithm", AuthorKeyAlgorithms.Name(Algorithm));
            json.WriteString("keyId", KeyId);
            json.WriteString("name", Name);
            json.WriteString("version", Version);
            json.WriteString("integrity", Integrity);
            json.WriteString("created", CreatedText(Created));
            json.WriteString("signature", Convert.ToBase64String(Signature));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads a signature file's bytes; on failure <paramref name="error"/> names the field.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out AuthorSignature? signature, out string? error)
    {
        signature = null;
        if (utf8.Length > MaxFileBytes)
        {
            error = $"the signature file is larger than {MaxFileBytes} bytes";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the signature file is not a JSON object";
                return false;
            }

            if (Text(root, "format") != Format)
            {
                error = $"'format' is not '{Format}'";
                return false;
            }

            if (!root.TryGetProperty("formatVersion", out var formatVersion) || formatVersion.ValueKind != JsonValueKind.Number
                || !formatVersion.TryGetInt32(out int versionNumber) || versionNumber != FormatVersion)
            {
                error = $"'formatVersion' is not {FormatVersion}";
                return false;
            }

            if (!AuthorKeyAlgorithms.TryParse(Text(root, "algorithm"), out var algorithm) || Text(root, "algorithm") == "p256")
            {
                error = "'algorithm' is not 'ed25519' or 'ecdsa-p256'";
                return false;
            }

            string? keyId = Text(root, "keyId"), name = Text(root, "name"), version = Text(root, "version");
            string? integrity = Text(root, "integrity"), created = Text(root, "created"), signatureText = Text(root, "signature");
            if (keyId is null || !keyId.StartsWith("SHA256:", StringComparison.Ordinal) || keyId.Length > 100)
            {
                error = "'keyId' is missing or not a SHA256: key id";
                return false;
            }

            if (name is null || version is null || CheckFields(name, version) is not null)
            {
                error = name is null || version is null ? "'name' or 'version' is missing" : "'name' or 'version': " + CheckFields(name, version);
                return false;
            }

            if (!IntegrityValue.TryParse(integrity, out var integrityValue, out _) || integrityValue!.Hashes.Length != 1
                || integrityValue.Hashes[0].Algorithm != IntegrityAlgorithm.Sha512 || integrityValue.Hashes[0].ToString() != integrity)
            {
                error = "'integrity' is not one sha512 entry";
                return false;
            }

            if (created is null || !DateTimeOffset.TryParseExact(created, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
            {
                error = "'created' is not a UTC time such as 2026-01-31T12:00:00Z";
                return false;
            }

            if (signatureText is null || signatureText.Length > 1024 || !TryBase64(signatureText, out var bytes))
            {
                error = "'signature' is missing or not base64";
                return false;
            }

            signature = new AuthorSignature(algorithm, keyId, name, version, integrity!, createdAt, bytes);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the signature file is not valid JSON (line {e.LineNumber + 1})";
            return false;
        }
    }

    /// <summary>Why a name or version cannot be signed, or null.</summary>
    private static string? CheckFields(string name, string version)
    {
        if (name.Length == 0 || name.Length > MaxFieldLength || version.Length == 0 || version.Length > MaxFieldLength)
        {
            return $"empty or longer than {MaxFieldLength} characters";
        }

        foreach (char c in name + version)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return "holds white space or a control character";
            }
        }

        return null;
    }

    /// <summary>A time as signature files write it.</summary>
    public static string CreatedText(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out int written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
