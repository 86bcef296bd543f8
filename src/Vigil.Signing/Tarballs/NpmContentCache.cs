using Vigil.Signing.Integrity;

namespace Vigil.Signing.Tarballs;

/// <summary>
/// npm's content-addressed cache (<c>_cacache</c>, written by the <c>cacache</c> package): a tarball lives at
/// <c>content-v2/&lt;algorithm&gt;/&lt;hex[0..2]&gt;/&lt;hex[2..4]&gt;/&lt;hex[4..]&gt;</c>, named by the hex digest of
/// the integrity's strongest hash. Read only; Vigil never writes there.
/// </summary>
public static class NpmContentCache
{
    /// <summary>
    /// npm's cache as npm finds it: <c>npm_config_cache</c> from the environment, else <c>%LocalAppData%\npm-cache</c>
    /// on Windows and <c>~/.npm</c> elsewhere; with <c>_cacache</c> appended. Null when there is no home folder.
    /// </summary>
    public static string? DefaultDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("npm_config_cache") ?? Environment.GetEnvironmentVariable("NPM_CONFIG_CACHE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.Combine(configured, "_cacache");
        }

        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return local.Length == 0 ? null : Path.Combine(local, "npm-cache", "_cacache");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length == 0 ? null : Path.Combine(home, ".npm", "_cacache");
    }

    /// <summary>
    /// Where the content of <paramref name="hash"/> is in the cache at <paramref name="directory"/> (the
    /// <c>_cacache</c> folder, or npm's cache folder that holds it).
    /// </summary>
    public static string ContentPath(string directory, IntegrityHash hash)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(hash);
        var root = !Directory.Exists(Path.Combine(directory, "content-v2")) && Directory.Exists(Path.Combine(directory, "_cacache", "content-v2"))
            ? Path.Combine(directory, "_cacache")
            : directory;
        var hex = Convert.ToHexStringLower(hash.Digest.AsSpan());
        return Path.Combine(root, "content-v2", hash.AlgorithmName, hex[..2], hex[2..4], hex[4..]);
    }
}
