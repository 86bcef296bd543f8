using System.Text.Json;

namespace Vigil.Signing.Authors;

/// <summary>
/// The keyring as published (<c>GET /keyring.json</c>): the keyring's JSON bytes in base64, signed by the platform's
/// keyring key over <see cref="SignedMessage.Encode(string, ReadOnlySpan{byte})"/> with <see cref="SignedMessage.KeyringDomain"/>:
/// <c>{"format": "vigil-signed-keyring", "formatVersion": 1, "keyId", "algorithm", "payload", "signature"}</c>. The
/// payload is verified as bytes before it is read, so no JSON canonicalization is needed (as DSSE does).
/// </summary>
public static class SignedKeyring
{
    /// <summary>The signed file's <c>format</c>.</summary>
    public const string Format = "vigil-signed-keyring";

    /// <summary>A published keyring larger than this is refused.</summary>
    public const int MaxBytes = 32 << 20;

    /// <summary>The published file for <paramref name="keyring"/>, signed with <paramref name="key"/>.</summary>
    public static byte[] Sign(Keyring keyring, AuthorPrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(key);
        var payload = keyring.ToPayload();
        var signature = key.Sign(SignedMessage.Encode(SignedMessage.KeyringDomain, payload));
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("formatVersion", 1);
            json.WriteString("keyId", key.PublicKey.KeyId);
            json.WriteString("algorithm", AuthorKeyAlgorithms.Name(key.Algorithm));
            json.WriteString("payload", Convert.ToBase64String(payload));
            json.WriteString("signature", Convert.ToBase64String(signature));
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a published keyring and checks its signature against the pinned <paramref name="trusted"/> key before
    /// reading its payload; on failure <paramref name="error"/> says why.
    /// </summary>
    public static bool TryVerify(ReadOnlySpan<byte> utf8, AuthorPublicKey trusted, out Keyring? keyring, out string? error)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        keyring = null;
        if (utf8.Length > MaxBytes)
        {
            error = $"the keyring is larger than {MaxBytes >> 20} MB";
            return false;
        }

        byte[] payload, signature;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "format") != Format)
            {
                error = $"the keyring file's 'format' is not '{Format}'";
                return false;
            }

            if (Text(root, "keyId") != trusted.KeyId)
            {
                error = $"the keyring is signed by a key other than the pinned keyring key {trusted.KeyId}";
                return false;
            }

            if (Text(root, "algorithm") != AuthorKeyAlgorithms.Name(trusted.Algorithm))
            {
                error = "the keyring's 'algorithm' is not the pinned key's";
                return false;
            }

            if (!TryBase64(Text(root, "payload"), out payload) || !TryBase64(Text(root, "signature"), out signature))
            {
                error = "the keyring's 'payload' or 'signature' is missing or not base64";
                return false;
            }
        }
        catch (JsonException e)
        {
            error = $"the keyring file is not valid JSON (line {e.LineNumber + 1})";
            return false;
        }

        if (!trusted.Verify(SignedMessage.Encode(SignedMessage.KeyringDomain, payload), signature))
        {
            error = $"the keyring's signature does not verify with the pinned keyring key {trusted.KeyId}";
            return false;
        }

        return Keyring.TryParsePayload(payload, out keyring, out error);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryBase64(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
