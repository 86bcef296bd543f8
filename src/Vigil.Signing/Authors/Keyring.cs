using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Signing.Authors;

/// <summary>
/// The authors' keyring, as the platform publishes it: a version number that only grows, the time it was issued, and
/// its entries. Its JSON (the payload of a <see cref="SignedKeyring"/>) is
/// <c>{"format": "vigil-keyring", "formatVersion": 1, "version", "issued", "expires", "entries": [{"package", "account", "keyId",
/// "algorithm", "publicKey", "validFrom", "revokedAt"?, "revokedReason"?}]}</c>.
/// </summary>
/// <param name="Version">The keyring's version: each change publishes a higher one.</param>
/// <param name="Issued">When this version was made.</param>
/// <param name="Entries">The keys.</param>
public sealed record Keyring(long Version, DateTimeOffset Issued, ImmutableArray<KeyringEntry> Entries)
{
    /// <summary>The payload's <c>format</c>.</summary>
    public const string Format = "vigil-keyring";

    /// <summary>
    /// When this signed copy stops being good (null: never, which <c>vigil verify</c> refuses): the platform re-signs
    /// the keyring with a later expiry, so a client refusing an expired one cannot be kept on an old keyring (a freeze
    /// attack: a mirror or an attacker serving the keyring from before a revocation).
    /// </summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The revocation reason of a key replaced by another (its earlier signatures keep counting).</summary>
    public const string Superseded = "superseded";

    /// <summary>A keyring with more entries than this is refused.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>The payload's JSON bytes (UTF-8).</summary>
    public byte[] ToPayload()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("formatVersion", 1);
            json.WriteNumber("version", Version);
            json.WriteString("issued", AuthorSignature.CreatedText(Issued));
            if (Expires is { } expires)
            {
                json.WriteString("expires", AuthorSignature.CreatedText(expires));
            }

            json.WriteStartArray("entries");
            foreach (var entry in Entries)
            {
                json.WriteStartObject();
                json.WriteString("package", entry.Package);
                json.WriteString("account", entry.Account);
                json.WriteString("keyId", entry.Key.KeyId);
                json.WriteString("algorithm", AuthorKeyAlgorithms.Name(entry.Key.Algorithm));
                json.WriteString("publicKey", entry.Key.SpkiBase64);
                json.WriteString("validFrom", AuthorSignature.CreatedText(entry.ValidFrom));
                if (entry.RevokedAt is { } revoked)
                {
                    json.WriteString("revokedAt", AuthorSignature.CreatedText(revoked));
                    json.WriteString("revokedReason", entry.RevokedReason ?? string.Empty);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>True when <paramref name="pattern"/> is a package name or <c>@scope/*</c> a keyring may list.</summary>
    public static bool IsPackagePattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Length > AuthorSignature.MaxFieldLength)
        {
            return false;
        }

        foreach (char c in pattern)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '@' or '/' or '*'))
            {
                return false;
            }
        }

        int star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star < 0 ? !pattern.Contains("..", StringComparison.Ordinal) : pattern.StartsWith('@') && star == pattern.Length - 1 && pattern.IndexOf('/', StringComparison.Ordinal) == pattern.Length - 2;
    }

    /// <summary>Reads a payload; on failure <paramref name="error"/> names the field (and the entry).</summary>
    public static bool TryParsePayload(ReadOnlySpan<byte> utf8, out Keyring? keyring, out string? error)
    {
        keyring = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "format") != Format)
            {
                error = $"the keyring's 'format' is not '{Format}'";
                return false;
            }

            if (!root.TryGetProperty("formatVersion", out var formatVersion) || formatVersion.ValueKind != JsonValueKind.Number || formatVersion.GetRawText() != "1")
            {
                error = "the keyring's 'formatVersion' is not 1";
                return false;
            }

            if (!root.TryGetProperty("version", out var versionElement) || versionElement.ValueKind != JsonValueKind.Number
                || !versionElement.TryGetInt64(out long version) || version < 1)
            {
                error = "the keyring's 'version' is not a positive whole number";
                return false;
            }

            if (!TryTime(root, "issued", out var issued))
            {
                error = "the keyring's 'issued' is not a UTC time";
                return false;
            }

            DateTimeOffset? expires = null;
            if (root.TryGetProperty("expires", out var expiresElement) && expiresElement.ValueKind != JsonValueKind.Null)
            {
                if (!TryTime(root, "expires", out var at))
                {
                    error = "the keyring's 'expires' is not a UTC time";
                    return false;
                }

                expires = at;
            }

            if (!root.TryGetProperty("entries", out var entriesElement) || entriesElement.ValueKind != JsonValueKind.Array
                || entriesElement.GetArrayLength() > MaxEntries)
            {
                error = $"the keyring's 'entries' is not an array of at most {MaxEntries}";
                return false;
            }

            var entries = ImmutableArray.CreateBuilder<KeyringEntry>();
            int index = 0;
            foreach (var element in entriesElement.EnumerateArray())
            {
                if (!TryEntry(element, out var entry, out var problem))
                {
                    error = $"the keyring's entries[{index}]: {problem}";
                    return false;
                }

                entries.Add(entry!);
                index++;
            }

            keyring = new Keyring(version, issued, entries.ToImmutable()) { Expires = expires };
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the keyring is not valid JSON (line {e.LineNumber + 1})";
            return false;
        }
    }

    private static bool TryEntry(JsonElement element, out KeyringEntry? entry, out string? error)
    {
        entry = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "not an object";
            return false;
        }

        string? package = Text(element, "package"), account = Text(element, "account"), keyId = Text(element, "keyId");
        if (!IsPackagePattern(package))
        {
            error = "'package' is not a package name or @scope/*";
            return false;
        }

        if (string.IsNullOrEmpty(account) || account.Length > 256)
        {
            error = "'account' is missing";
            return false;
        }

        if (!AuthorKeyAlgorithms.TryParse(Text(element, "algorithm"), out var algorithm))
        {
            error = "'algorithm' is not 'ed25519' or 'ecdsa-p256'";
            return false;
        }

        if (!AuthorPublicKey.TryFromBase64(Text(element, "publicKey"), out var key, out var keyError))
        {
            error = "'publicKey': " + keyError;
            return false;
        }

        if (key!.KeyId != keyId || key.Algorithm != algorithm)
        {
            error = "'keyId' or 'algorithm' is not the public key's";
            return false;
        }

        if (!TryTime(element, "validFrom", out var validFrom))
        {
            error = "'validFrom' is not a UTC time";
            return false;
        }

        DateTimeOffset? revokedAt = null;
        if (element.TryGetProperty("revokedAt", out var revokedElement) && revokedElement.ValueKind != JsonValueKind.Null)
        {
            if (!TryTime(element, "revokedAt", out var revoked))
            {
                error = "'revokedAt' is not a UTC time";
                return false;
            }

            revokedAt = revoked;
        }

        string? reason = Text(element, "revokedReason");
        entry = new KeyringEntry(package!, account, key, validFrom, revokedAt, reason is { Length: > 1000 } ? reason[..1000] : reason);
        error = null;
        return true;
    }

    private static bool TryTime(JsonElement element, string name, out DateTimeOffset time)
    {
        time = default;
        return Text(element, name) is { } text
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A short description for reports.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"keyring version {Version} ({Entries.Length} keys, issued {AuthorSignature.CreatedText(Issued)})");
}
