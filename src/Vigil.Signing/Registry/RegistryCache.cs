using System.Text;

namespace Vigil.Signing.Registry;

/// <summary>
/// The folder where fetched registry data is kept between runs, one folder per registry (its host and port):
/// <c>versions.pack</c> (every version record fetched, <see cref="VersionPack"/>: what a published version says
/// never changes), <c>keys.json</c> and <c>attestations/&lt;name&gt;/&lt;version&gt;.json</c> as the registry sent
/// them. Files are written to a temporary name and renamed, so a reader never sees half of
/// one. <c>--offline</c> reads only this.
/// </summary>
public sealed class RegistryCache(string folder)
{
    /// <summary>The cache's folder.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The default folder: <c>$XDG_CACHE_HOME/vigil</c>, else <c>~/.cache/vigil</c> (on Windows, local application data).</summary>
    public static string DefaultFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "vigil");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "vigil", "cache");
        }

        string home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "vigil");
    }

    /// <summary>The file of every cached version record of a registry (<see cref="VersionPack"/>).</summary>
    public string VersionPackFile(Uri registry) => Path.Combine(RegistryFolder(registry), "versions.pack");

    /// <summary>The file of the registry's keys.</summary>
    public string KeysFile(Uri registry) => Path.Combine(RegistryFolder(registry), "keys.json");

    /// <summary>The file of one version's attestations.</summary>
    public string AttestationsFile(Uri registry, string name, string version) => Path.Combine(RegistryFolder(registry), "attestations", SafeName(name), SafeName(version) + ".json");

    /// <summary>The bytes of a cached file, or null when it is not cached (or larger than <paramref name="maxBytes"/>).</summary>
    public static byte[]? Read(string file, long maxBytes)
    {
        try
        {
            // A handle, not a FileStream, shared for writing (no advisory lock): a run reads thousands of these small
            // files, and a writer replaces them by renaming, never in place.
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = RandomAccess.GetLength(handle);
            if (length > maxBytes)
            {
                return null;
            }

            var bytes = new byte[length];
            int total = 0;
            while (total < bytes.Length)
            {
                int read = RandomAccess.Read(handle, bytes.AsSpan(total), total);
                if (read == 0)
                {
                    return null;
                }

                total += read;
            }

            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="file"/> atomically; a failure leaves the cache as it was and is not an error of the run.</summary>
    public static void Write(string file, ReadOnlySpan<byte> bytes)
    {
        string temporary = file + ".tmp-" + Environment.ProcessId + "-" + Environment.CurrentManagedThreadId + "-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Left behind: a temporary name is never read.
            }
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, string> _registryFolders = new();

    private string RegistryFolder(Uri registry) =>
        _registryFolders.GetOrAdd(registry, r => Path.Combine(Folder, SafeName(r.Authority + r.AbsolutePath.TrimEnd('/'))));

    private static readonly System.Buffers.SearchValues<char> SafeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_@.");

    // A name as one file name: anything but letters, digits, '.', '-', '_' and '@' escaped as %XX ('/' too), and
    // never '.' or '..'.
    private static string SafeName(string text)
    {
        if (text.Length > 0 && text[0] != '.' && !text.AsSpan().ContainsAnyExcept(SafeCharacters))
        {
            return text;
        }

        var name = new StringBuilder(text.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '@' || (c == '.' && name.Length > 0))
            {
                name.Append(c);
            }
            else
            {
                name.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return name.Length == 0 ? "%" : name.ToString();
    }
}
