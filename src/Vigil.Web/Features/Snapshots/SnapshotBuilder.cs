using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;

namespace Vigil.Web.Features.Snapshots;

/// <summary>
/// Builds every download of one state of the database in one pass over its records, as osv.dev's exporter lays
/// out its bucket: <c>all.zip</c> (one <c>ID.json</c> per record at the root, by id), <c>modified_id.csv</c>
/// (<c>modified,ecosystem/ID</c>, newest first), <c>ecosystems.txt</c>, and per ecosystem <c>all.zip</c> and
/// <c>modified_id.csv</c> (<c>modified,ID</c>); a record without an ecosystem is in <c>[EMPTY]</c>, an ecosystem's
/// <c>:suffix</c> is dropped. Beside them, the WG's folders (<c>npm/N.json</c>, <c>core/N.json</c>,
/// <c>deps/N.json</c>) of the records that came from the WG, as the WG writes them.
/// </summary>
internal static class SnapshotBuilder
{
    /// <summary>The ecosystem of records that name none (osv.dev's name for it).</summary>
    public const string NoEcosystem = "[EMPTY]";

    public static Snapshot Build(AdvisoryStore store, string root, ILogger logger)
    {
        string folder = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var zips = new Dictionary<string, ZipArchive>(StringComparer.Ordinal);
        var csv = new Dictionary<string, List<(long Ticks, string Line)>>(StringComparer.Ordinal);
        try
        {
            var all = Open(zips, folder, "all.zip");
            var wg = Open(zips, folder, "nswg.zip");
            var everything = Lines(csv, "");
            int wgProblems = 0;
            var change = store.ReadAll(record =>
            {
                byte[] json = Encoding.UTF8.GetBytes(record.Json);
                var modified = record.ModifiedTicks > 0 ? new DateTimeOffset(record.ModifiedTicks, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
                string time = GoTime(record.ModifiedTicks);
                Add(all, record.Id + ".json", json, modified);
                foreach (string ecosystem in Ecosystems(json))
                {
                    var zip = zips.TryGetValue(ecosystem, out var open) ? open : Open(zips, folder, ecosystem);
                    Add(zip, record.Id + ".json", json, modified);
                    Lines(csv, ecosystem).Add((record.ModifiedTicks, $"{time},{Csv(record.Id)}"));
                    everything.Add((record.ModifiedTicks, $"{time},{Csv(ecosystem + "/" + record.Id)}"));
                }

                if (record.Id.StartsWith("NSWG-", StringComparison.Ordinal))
                {
                    var file = NswgFile.Of(OsvJson.Read(json, record.Id), out var error);
                    if (file is not null)
                    {
                        Add(wg, file.RelativePath, file.Content, modified);
                    }
                    else if (error is not null)
                    {
                        wgProblems++;
                    }
                }
            });

            foreach (var zip in zips.Values)
            {
                zip.Dispose();
            }

            if (wgProblems > 0)
            {
                SnapshotLog.WgProblems(logger, wgProblems);
            }

            var files = new Dictionary<string, SnapshotFile>(StringComparer.Ordinal)
            {
                ["all.zip"] = SnapshotFile.OnDisk(Path.Combine(folder, "all.zip"), "application/zip", "all.zip"),
                ["nswg/all.zip"] = SnapshotFile.OnDisk(Path.Combine(folder, "nswg.zip"), "application/zip", "nswg.zip"),
                ["modified_id.csv"] = Index(everything),
            };
            var ecosystems = zips.Keys.Where(k => k is not "all.zip" and not "nswg.zip").Order(StringComparer.Ordinal).ToList();
            foreach (string ecosystem in ecosystems)
            {
                files[ecosystem + "/all.zip"] = SnapshotFile.OnDisk(Path.Combine(folder, FileName(ecosystem)), "application/zip", "all.zip");
                files[ecosystem + "/modified_id.csv"] = Index(csv[ecosystem]);
            }

            files["ecosystems.txt"] = SnapshotFile.InMemory(Encoding.UTF8.GetBytes(string.Concat(ecosystems.Select(e => e + "\n"))), "text/plain; charset=utf-8");
            return new Snapshot(change, folder, files, ecosystems);
        }
        catch
        {
            foreach (var zip in zips.Values)
            {
                zip.Dispose();
            }

            Snapshot.Delete(folder);
            throw;
        }
    }

    /// <summary>The ecosystems a record names (before any <c>:</c>), GIT for git ranges, or <see cref="NoEcosystem"/>, as osv.dev's exporter reads them.</summary>
    public static IReadOnlyCollection<string> Ecosystems(ReadOnlySpan<byte> json)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.TryGetProperty("affected", out var affected) && affected.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in affected.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                if (entry.TryGetProperty("package", out var package) && package.ValueKind == JsonValueKind.Object
                    && package.TryGetProperty("ecosystem", out var ecosystem) && ecosystem.ValueKind == JsonValueKind.String
                    && ecosystem.GetString()!.Split(':')[0] is { Length: > 0 } name)
                {
                    found.Add(name);
                }

                if (entry.TryGetProperty("ranges", out var ranges) && ranges.ValueKind == JsonValueKind.Array
                    && ranges.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "GIT"))
                {
                    found.Add("GIT");
                }
            }
        }

        return found.Count == 0 ? [NoEcosystem] : found;
    }

    private static ZipArchive Open(Dictionary<string, ZipArchive> zips, string folder, string key)
    {
        var zip = new ZipArchive(new FileStream(Path.Combine(folder, FileName(key)), FileMode.CreateNew, FileAccess.Write), ZipArchiveMode.Create);
        zips[key] = zip;
        return zip;
    }

    /// <summary>An ecosystem's zip on disk: its position-free, file-system-safe name (ecosystem names hold spaces and brackets).</summary>
    private static string FileName(string key) =>
        key.EndsWith(".zip", StringComparison.Ordinal) ? key : "eco-" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key)) + ".zip";

    private static List<(long, string)> Lines(Dictionary<string, List<(long, string)>> csv, string key)
    {
        if (!csv.TryGetValue(key, out var lines))
        {
            csv[key] = lines = [];
        }

        return lines;
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset modified)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = modified.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : modified;
        using var stream = entry.Open();
        stream.Write(content);
    }

    /// <summary>The index: newest first, then by path (ordinal), one <c>time,path</c> line each, as osv.dev writes it.</summary>
    private static SnapshotFile Index(List<(long Ticks, string Line)> lines)
    {
        var text = new StringBuilder();
        foreach (var (_, line) in lines.OrderByDescending(l => l.Ticks).ThenBy(l => l.Line[(l.Line.IndexOf(',', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        return SnapshotFile.InMemory(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8");
    }

    /// <summary>A UTC time as Go's RFC 3339 with nanoseconds writes it (what osv.dev's index holds): the fraction without trailing zeros.</summary>
    public static string GoTime(long ticks)
    {
        var time = new DateTime(Math.Max(ticks, 0), DateTimeKind.Utc);
        string fraction = (ticks % TimeSpan.TicksPerSecond).ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : string.Empty) + "Z";
    }

    /// <summary>A CSV field: quoted when it holds a comma, quote or line break (ids do not; the rule is CSV's).</summary>
    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
