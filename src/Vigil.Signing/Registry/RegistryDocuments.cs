using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Registry;

/// <summary>
/// Reads npm's registry documents: a packument (full or abbreviated) for one version, and <c>/-/npm/v1/keys</c>.
/// Everything is hostile: depth and size are limited by the caller and here, and a malformed document is an error
/// naming the field, never an exception.
/// </summary>
public static class RegistryDocuments
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Reads version <paramref name="version"/> of the packument in <paramref name="json"/>; null with <paramref name="error"/> when malformed, and null without error when the version is absent.</summary>
    public static RegistryVersion? ReadVersion(ReadOnlyMemory<byte> json, string name, string version, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the packument is not a JSON object";
                return null;
            }

            if (!root.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Object)
            {
                error = "the packument has no 'versions' object";
                return null;
            }

            if (!versions.TryGetProperty(version, out var entry))
            {
                return null;
            }

            DateTimeOffset? published = null;
            if (root.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.Object
                && time.TryGetProperty(version, out var at) && at.ValueKind == JsonValueKind.String)
            {
                if (!DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    error = $"time['{version}'] is not a date";
                    return null;
                }

                published = parsed;
            }

            return ReadDist(entry, name, version, published, out error);
        }
        catch (JsonException e)
        {
            error = "the packument is not valid JSON (" + e.Message.Split('.')[0] + ")";
            return null;
        }
    }

    private static RegistryVersion? ReadDist(JsonElement entry, string name, string version, DateTimeOffset? published, out string? error)
    {
        error = null;
        string where = $"versions['{version}'].dist";
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("dist", out var dist) || dist.ValueKind != JsonValueKind.Object)
        {
            error = $"{where} is missing";
            return null;
        }

        string? Text(JsonElement parent, string field, string at)
        {
            if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"{at}.{field} is not a string");
            }

            return value.GetString();
        }

        try
        {
            var signatures = ImmutableArray.CreateBuilder<RegistrySignature>();
            if (dist.TryGetProperty("signatures", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    error = $"{where}.signatures is not an array";
                    return null;
                }

                int i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    string at = $"{where}.signatures[{i++}]";
                    if (item.ValueKind != JsonValueKind.Object || Text(item, "keyid", at) is not { } keyId || Text(item, "sig", at) is not { } sig)
                    {
                        error = $"{at} needs 'keyid' and 'sig'";
                        return null;
                    }

                    signatures.Add(new RegistrySignature(keyId, sig));
                    if (i > 64)
                    {
                        error = $"{where}.signatures has more than 64 entries";
                        return null;
                    }
                }
            }

            string? attestations = null;
            if (dist.TryGetProperty("attestations", out var att) && att.ValueKind == JsonValueKind.Object)
            {
                attestations = Text(att, "url", where + ".attestations");
            }

            return new RegistryVersion(name, version, Text(dist, "integrity", where), Text(dist, "shasum", where), Text(dist, "tarball", where),
                signatures.ToImmutable(), attestations, published);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Reads <c>{"keys":[{"expires","keyid","keytype","scheme","key"}]}</c>; null with <paramref name="error"/> when malformed.</summary>
    public static ImmutableArray<RegistryKey>? ReadKeys(ReadOnlyMemory<byte> json, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                error = "the keys document has no 'keys' array";
                return null;
            }

            var result = ImmutableArray.CreateBuilder<RegistryKey>();
            int i = 0;
            foreach (var key in keys.EnumerateArray())
            {
                string at = $"keys[{i++}]";
                if (key.ValueKind != JsonValueKind.Object)
                {
                    error = at + " is not an object";
                    return null;
                }

                string? Field(string field) => key.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                if (Field("keyid") is not { } keyId || Field("key") is not { } publicKey)
                {
                    error = at + " needs 'keyid' and 'key'";
                    return null;
                }

                DateTimeOffset? expires = null;
                if (key.TryGetProperty("expires", out var e) && e.ValueKind != JsonValueKind.Null)
                {
                    if (e.ValueKind != JsonValueKind.String
                        || !DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    {
                        error = at + ".expires is not null or a date";
                        return null;
                    }

                    expires = parsed;
                }

                result.Add(new RegistryKey(keyId, Field("keytype") ?? string.Empty, Field("scheme") ?? string.Empty, publicKey, expires));
                if (i > 256)
                {
                    error = "the keys document has more than 256 keys";
                    return null;
                }
            }

            return result.ToImmutable();
        }
        catch (JsonException e)
        {
            error = "the keys document is not valid JSON (" + e.Message.Split('.')[0] + ")";
            return null;
        }
    }
}
