using System.Collections.Concurrent;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Registry;

/// <summary>
/// One registry's <see cref="VersionPack"/> in the cache: read once, on first use; records fetched during the run
/// kept in memory and written by <see cref="Save"/> (the pack on disk merged with them, to a temporary file then
/// renamed, so a reader never sees half of one). Two runs saving at once each write a whole pack: the later one
/// wins and the other's new records are fetched again next time — a miss, never a damaged file.
/// </summary>
public sealed class CachedVersions
{
    private readonly string _file;
    private readonly Action<string> _warn;
    private readonly Lazy<VersionPack> _pack;
    private readonly ConcurrentDictionary<string, RegistryVersion> _added = new(StringComparer.Ordinal);

    /// <summary>The pack <paramref name="file"/>; a corrupt one is reported to <paramref name="warn"/> and read as empty.</summary>
    public CachedVersions(string file, Action<string> warn)
    {
        _file = file;
        _warn = warn;
        _pack = new Lazy<VersionPack>(() => Load(reportCorrupt: true));
    }

    /// <summary>The cached record of <paramref name="name"/>@<paramref name="version"/>, or null.</summary>
    public RegistryVersion? Find(string name, string version) =>
        !_added.IsEmpty && _added.TryGetValue(VersionPack.Key(name, version), out var added) ? added : _pack.Value.Find(name, version);

    /// <summary>Keeps a fetched record, to be written by <see cref="Save"/>.</summary>
    public void Add(RegistryVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        _added[VersionPack.Key(version.Name, version.Version)] = version;
    }

    /// <summary>Writes the records added this run into the pack on disk (nothing when none were); a failure leaves the cache as it was.</summary>
    public void Save()
    {
        if (_added.IsEmpty)
        {
            return;
        }

        // Read again: another run may have saved since this one loaded.
        var current = Load(reportCorrupt: false);
        var merged = new Dictionary<string, RegistryVersion>(current.Count + _added.Count, StringComparer.Ordinal);
        foreach (var (key, record) in current.Records())
        {
            merged[key] = record;
        }

        foreach (var (key, record) in _added)
        {
            merged[key] = record;
        }

        byte[] bytes = VersionPack.Encode(merged.Values);
        if (bytes.Length > VersionPack.MaxBytes)
        {
            // Grown too big: start again from this run's records.
            bytes = VersionPack.Encode(_added.Values.ToList());
        }

        RegistryCache.Write(_file, bytes);
    }

    private VersionPack Load(bool reportCorrupt)
    {
        if (RegistryCache.Read(_file, VersionPack.MaxBytes) is not { } bytes)
        {
            return VersionPack.Empty;
        }

        if (!VersionPack.TryOpen(bytes, out var pack, out string? error))
        {
            if (reportCorrupt)
            {
                _warn($"the cache file {_file} is unusable ({error}); treated as empty and rewritten by the next run that fetches");
            }

            return VersionPack.Empty;
        }

        return pack;
    }
}
