using System.Globalization;
using System.Text;
using Vigil.Advisories.Import;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;

namespace Vigil.Cli.Commands.Db.Sync;

/// <summary>What a sync will store: every record, already checked, and the source's new state.</summary>
/// <param name="Records">The records to store (nothing is stored yet).</param>
/// <param name="State">The state stored with them; null when the source did not change (nothing to store).</param>
/// <param name="How">How the source was read, for the summary.</param>
sealed record SyncPlan(List<AdvisoryImport> Records, SyncState? State, string How);

/// <summary>
/// Reads a source into a <see cref="SyncPlan"/>: a folder (the WG's folders, or OSV files), a zip (a file or an
/// http(s) address ending in <c>.zip</c>: the WG's repository as GitHub serves it, or osv.dev's <c>all.zip</c>), or
/// the address of a folder laid out as osv.dev's bucket (a Vigil server's <c>/osv/</c>, or osv.dev's
/// <c>…/npm/</c>): its <c>modified_id.csv</c> says what changed since the last sync, and only those records are
/// fetched (<c>ID.json</c> beside the index); the first sync takes the folder's <c>all.zip</c>.
/// </summary>
static class SyncPlanner
{
    /// <summary>Above this many changed records, the folder's <c>all.zip</c> is one request instead of many.</summary>
    public const int MostSingleFetches = 1000;

    private const long MaxIndexBytes = 512L * 1024 * 1024;
    private const long MaxArchiveBytes = 2L * 1024 * 1024 * 1024;

    public static SyncPlan Plan(string source, AdvisoryStore store, SyncFetch fetch, DateTimeOffset now)
    {
        string synced = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (Directory.Exists(source))
        {
            string folder = Path.GetFullPath(source);
            return new SyncPlan(SyncRecords.Folder(folder, now), new SyncState(folder, null, null, synced), "the folder");
        }

        if (File.Exists(source))
        {
            string file = Path.GetFullPath(source);
            using var stream = OpenFile(file);
            var (records, layout) = SyncRecords.Archive(stream, file, now);
            return new SyncPlan(records, new SyncState(file, null, null, synced), layout + " in the zip file");
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new SyncException($"{source} is neither a folder, a zip file nor an http(s) address");
        }

        if (url.AbsolutePath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var last = store.LastSync(url.AbsoluteUri);
            var fetched = fetch.Get(url, MaxArchiveBytes, last?.IndexEtag);
            if (fetched.Content is null)
            {
                return new SyncPlan([], null, "the archive (not changed since the last sync)");
            }

            var (records, layout) = SyncRecords.Archive(new MemoryStream(fetched.Content), url.AbsoluteUri, now);
            return new SyncPlan(records, new SyncState(url.AbsoluteUri, null, fetched.ETag, synced), layout + " in the archive");
        }

        return Bucket(url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/"), store, fetch, now, synced);
    }

    private static SyncPlan Bucket(Uri folder, AdvisoryStore store, SyncFetch fetch, DateTimeOffset now, string synced)
    {
        string key = folder.AbsoluteUri;
        var last = store.LastSync(key);
        var indexUrl = new Uri(folder, "modified_id.csv");
        var index = fetch.Get(indexUrl, MaxIndexBytes, last?.IndexEtag);
        if (index.Content is null)
        {
            return new SyncPlan([], null, "the index (not changed since the last sync)");
        }

        var lines = SyncIndex.Parse(index.Content, indexUrl.AbsoluteUri);
        string? newest = lines.Count == 0 ? null : lines.MaxBy(l => l.Ticks)!.Time;
        var state = new SyncState(key, newest, index.ETag, synced);
        long since = last?.NewestModified is { } text && new OsvTimestamp(text).Value is { } time ? time.UtcTicks : long.MinValue;
        if (since == long.MinValue)
        {
            return new SyncPlan(Archive(new Uri(folder, "all.zip"), fetch, now), state, "the folder's all.zip (first sync)");
        }

        var changed = lines.Where(l => l.Ticks >= since)
            .DistinctBy(l => l.Id, StringComparer.Ordinal)
            .Where(l => store.Record(l.Id) is not { } stored || stored.ModifiedTicks < l.Ticks)
            .ToList();
        if (changed.Count > MostSingleFetches)
        {
            return new SyncPlan(Archive(new Uri(folder, "all.zip"), fetch, now), state, $"the folder's all.zip ({changed.Count} records changed)");
        }

        var records = new List<AdvisoryImport>();
        foreach (var line in changed)
        {
            var url = new Uri(folder, string.Join('/', line.Path.Split('/').Select(Uri.EscapeDataString)) + ".json");
            var body = fetch.Get(url, SyncRecords.MaxRecordBytes).Content!;
            records.Add(SyncRecords.Osv(body, url.AbsoluteUri, line.Id));
        }

        return new SyncPlan(records, state, $"{changed.Count} changed records of the index's {lines.Count} lines");
    }

    private static List<AdvisoryImport> Archive(Uri url, SyncFetch fetch, DateTimeOffset now)
    {
        var fetched = fetch.Get(url, MaxArchiveBytes);
        var (records, layout) = SyncRecords.Archive(new MemoryStream(fetched.Content!), url.AbsoluteUri, now);
        return layout == "OSV records" ? records : throw new SyncException($"{url} holds the WG's folders, not OSV records as the index's folder should");
    }

    private static FileStream OpenFile(string file)
    {
        if (!file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            throw new SyncException($"{file}: a file to sync from is a zip archive (.zip)");
        }

        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SyncException($"cannot read {file}: {e.Message}");
        }
    }
}

/// <summary>One line of a <c>modified_id.csv</c>: when the record was modified, and its path (<c>ID</c> or <c>ecosystem/ID</c>).</summary>
/// <param name="Time">The time as written.</param>
/// <param name="Ticks">The time in UTC ticks.</param>
/// <param name="Path">The record's path beside the index, without <c>.json</c>.</param>
/// <param name="Id">The record's id (the path's last segment).</param>
sealed record IndexLine(string Time, long Ticks, string Path, string Id);

/// <summary>Reads osv.dev's <c>modified_id.csv</c>: <c>time,path</c> lines (no header), newest first.</summary>
static class SyncIndex
{
    public static List<IndexLine> Parse(byte[] content, string location)
    {
        var lines = new List<IndexLine>();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new SyncException($"{location}: not UTF-8 text");
        }

        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            int comma = line.IndexOf(',', StringComparison.Ordinal);
            string time = comma < 0 ? line : line[..comma];
            string path = comma < 0 ? string.Empty : Unquote(line[(comma + 1)..]);
            if (new OsvTimestamp(time).Value is not { } when)
            {
                throw new SyncException($"{location}:{number}: '{Shorten(time)}' is not an RFC 3339 time (a line is time,ID)");
            }

            string id = path.Split('/')[^1];
            if (path.Length == 0 || path.Split('/').Length > 2 || path.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
            {
                throw new SyncException($"{location}:{number}: '{Shorten(path)}' is not a record's path (ID or ecosystem/ID)");
            }

            if (OsvChecks.Problems(new OsvRecord { Id = id, Modified = new OsvTimestamp(time) }) is { Count: > 0 } problems)
            {
                throw new SyncException($"{location}:{number}: {problems[0]}");
            }

            lines.Add(new IndexLine(time, when.UtcTicks, path, id));
        }

        return lines;
    }

    private static string Unquote(string field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : field;

    private static string Shorten(string text)
    {
        string printable = new([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 80 ? printable + "…" : printable;
    }
}
