using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Authors;

/// <summary>The keyring a run checks author signatures against, or why there is none.</summary>
/// <param name="Keyring">The verified keyring, when one was had.</param>
/// <param name="Outcome">When there is no keyring: <see cref="CheckOutcome.NotVerifiable"/> (unavailable) or <see cref="CheckOutcome.Invalid"/> (forged, or rolled back).</param>
/// <param name="Reason">Why there is no keyring, or where it came from.</param>
public sealed record KeyringLoad(Keyring? Keyring, CheckOutcome Outcome, string Reason);

/// <summary>
/// Loads the keyring of <see cref="VerifyOptions.Keyring"/> (a file, or an https URL: with <see cref="VerifyOptions.Offline"/>
/// the copy cached at the last online run), verifies it against the pinned <see cref="VerifyOptions.KeyringKey"/>, and
/// refuses a keyring older than the newest this cache has seen (rollback: an attacker replaying a keyring from before
/// a revocation). The highest version seen is kept in <see cref="VerifyOptions.CacheDirectory"/>, per keyring key.
/// </summary>
public static class KeyringSource
{
    /// <summary>How long fetching the keyring may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Loads, verifies and checks the keyring, refusing one that has expired at <paramref name="now"/> (or carries no
    /// expiry). Never throws for anything the file, the network or the cache did.
    /// </summary>
    public static async Task<KeyringLoad> LoadAsync(VerifyOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keyring is not { } location)
        {
            return new KeyringLoad(null, CheckOutcome.NotVerifiable, "no keyring (--keyring)");
        }

        if (options.KeyringKey is not { } keyFile)
        {
            return new KeyringLoad(null, CheckOutcome.NotVerifiable, "no pinned keyring key (--keyring-key): the keyring cannot be trusted");
        }

        AuthorPublicKey? trusted;
        try
        {
            var info = new FileInfo(keyFile);
            if (!info.Exists || info.Length > 64 * 1024 || !AuthorPublicKey.TryFromPem(await File.ReadAllTextAsync(keyFile, cancellationToken), out trusted, out var keyError))
            {
                return new KeyringLoad(null, CheckOutcome.NotVerifiable, $"the keyring key {keyFile} is missing or not a public key");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new KeyringLoad(null, CheckOutcome.NotVerifiable, $"the keyring key {keyFile} cannot be read: {e.Message}");
        }

        var (bytes, from, problem) = await ReadAsync(location, options, cancellationToken);
        if (bytes is null)
        {
            return new KeyringLoad(null, CheckOutcome.NotVerifiable, problem!);
        }

        if (!SignedKeyring.TryVerify(bytes, trusted!, out var keyring, out var error))
        {
            return new KeyringLoad(null, CheckOutcome.Invalid, $"the keyring from {from} is refused: {error}");
        }

        if (keyring!.Expires is not { } expires)
        {
            return new KeyringLoad(null, CheckOutcome.Invalid, $"the keyring from {from} is refused: it has no 'expires' time, so an old copy could be replayed forever");
        }

        if (expires <= now)
        {
            return new KeyringLoad(null, CheckOutcome.Invalid,
                $"the keyring from {from} is refused: it expired at {AuthorSignature.CreatedText(expires)} ({KeyringAge(now - expires)} ago). "
                + "A platform re-signs its keyring well before that; an expired one means the copy is stale or being held back (a freeze attack). "
                + (IsUrl(location) ? "Run online to fetch a fresh one." : "Fetch a fresh one from the platform's /keyring.json."));
        }

        if (options.CacheDirectory is { } cache && CheckRollback(cache, trusted!, keyring!) is { } rollback)
        {
            return new KeyringLoad(null, CheckOutcome.Invalid, $"the keyring from {from} is refused: {rollback}");
        }

        if (IsUrl(location) && !options.Offline && options.CacheDirectory is { } cacheFolder)
        {
            TryWrite(CachedPath(cacheFolder, location), bytes);
        }

        return new KeyringLoad(keyring, CheckOutcome.Verified, $"{keyring} from {from}");
    }

    private static string KeyringAge(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{(int)age.TotalDays} days" : age.TotalHours >= 2 ? $"{(int)age.TotalHours} hours" : $"{Math.Max(1, (int)age.TotalMinutes)} minutes";

    private static async Task<(byte[]? Bytes, string From, string? Problem)> ReadAsync(string location, VerifyOptions options, CancellationToken cancellationToken)
    {
        if (!IsUrl(location))
        {
            try
            {
                var info = new FileInfo(location);
                if (!info.Exists)
                {
                    return (null, location, $"the keyring file {location} does not exist");
                }

                if (info.Length > SignedKeyring.MaxBytes)
                {
                    return (null, location, $"the keyring file {location} is larger than {SignedKeyring.MaxBytes >> 20} MB");
                }

                return (await File.ReadAllBytesAsync(location, cancellationToken), location, null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, location, $"the keyring file {location} cannot be read: {e.Message}");
            }
        }

        if (options.Offline)
        {
            string? cached = options.CacheDirectory is { } cache ? CachedPath(cache, location) : null;
            return cached is not null && File.Exists(cached)
                ? (await File.ReadAllBytesAsync(cached, cancellationToken), $"the cached copy of {location}", null)
                : (null, location, $"offline, and no cached copy of the keyring {location}");
        }

        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var response = await http.GetAsync(new Uri(location), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, location, $"the keyring {location} answered {(int)response.StatusCode}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > SignedKeyring.MaxBytes)
                {
                    return (null, location, $"the keyring {location} is larger than {SignedKeyring.MaxBytes >> 20} MB");
                }
            }

            return (buffer.ToArray(), location, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or UriFormatException)
        {
            return (null, location, $"the keyring {location} cannot be fetched: {e.Message}");
        }
    }

    /// <summary>Why <paramref name="keyring"/> is older than one this cache has seen, or null (and then it is remembered).</summary>
    private static string? CheckRollback(string cache, AuthorPublicKey trusted, Keyring keyring)
    {
        string path = Path.Combine(cache, "keyring", "highest-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(trusted.KeyId)))[..32] + ".txt");
        long highest = 0;
        try
        {
            if (File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seen))
            {
                highest = seen;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the highest keyring version seen ({path}) cannot be read: {e.Message}";
        }

        if (keyring.Version < highest)
        {
            return $"its version {keyring.Version} is older than version {highest}, seen before (a rolled-back keyring could hide a revocation)";
        }

        if (keyring.Version > highest)
        {
            TryWrite(path, Encoding.ASCII.GetBytes(keyring.Version.ToString(CultureInfo.InvariantCulture) + "\n"));
        }

        return null;
    }

    private static bool IsUrl(string location) =>
        location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static string CachedPath(string cache, string url) =>
        Path.Combine(cache, "keyring", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..32] + ".json");

    /// <summary>Writes a file whole or not at all (a temporary file moved over it).</summary>
    private static void TryWrite(string path, byte[] bytes)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is a convenience (and rollback memory a best effort when it cannot be written): the run goes on.
        }
    }
}
