using System.IO.Compression;
using System.Text.RegularExpressions;
using Vigil.Advisories.Import;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;

namespace Vigil.Cli.Commands.Db.Sync;

/// <summary>
/// Turns what a source holds into advisories, every one checked before anything is stored: an OSV record must read
/// as OSV, pass the store's checks and carry the id its file is named after; a WG record must read and convert as
/// <c>vigil db import</c> reads it. The first bad one stops the sync with a <see cref="SyncException"/> naming it.
/// </summary>
static partial class SyncRecords
{
    /// <summary>The most entries an archive may hold.</summary>
    public const int MaxEntries = 2_000_000;

    /// <summary>The largest record read: 10 MiB (real records are a few KiB).</summary>
    public const int MaxRecordBytes = 10 * 1024 * 1024;

    /// <summary>The most bytes all of an archive's records may hold, inflated.</summary>
    public const long MaxTotalBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>A WG record inside an archive: <c>[any folders/]core|npm|deps/N.json</c> (a repository's zip holds <c>security-wg-main/vuln/npm/1.json</c>).</summary>
    [GeneratedRegex(@"(?:^|/)(core|npm|deps)/[0-9]+\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkingGroupEntry();

    /// <summary>An OSV record read from <paramref name="location"/>, which must be named <paramref name="expectedId"/>.</summary>
    public static AdvisoryImport Osv(ReadOnlySpan<byte> json, string location, string expectedId)
    {
        if (!OsvJson.TryRead(json, location, out var record, out var error))
        {
            throw new SyncException($"{location}:{error!.Line}:{error.Column}: {error.Reason}");
        }

        var problems = OsvChecks.Problems(record!);
        if (problems.Count > 0)
        {
            throw new SyncException($"{location}: {problems[0]}");
        }

        if (!string.Equals(record!.Id, expectedId, StringComparison.Ordinal))
        {
            throw new SyncException($"{location}: the record's id is {record.Id}, but the file is named {expectedId}.json");
        }

        return new AdvisoryImport(record, AdvisorySources.Of(record));
    }

    /// <summary>
    /// Every record of a zip archive: the WG's folders when it holds WG records (<c>core/</c>, <c>npm/</c>, <c>deps/</c>,
    /// anywhere in it, as in a repository's zip; everything else is ignored), else osv.dev's layout (<c>ID.json</c> at the root).
    /// </summary>
    public static (List<AdvisoryImport> Records, string Layout) Archive(Stream zip, string name, DateTimeOffset now)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new SyncException($"{name} is not a readable zip archive: {e.Message}");
        }

        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
            {
                throw new SyncException($"{name} has {archive.Entries.Count} entries; at most {MaxEntries} are read");
            }

            var entries = archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
            bool workingGroup = entries.Any(e => WorkingGroupEntry().IsMatch(e.FullName));
            var records = new List<AdvisoryImport>();
            long total = 0;
            foreach (var entry in entries)
            {
                string location = $"{name}!{Printable(entry.FullName)}";
                var match = WorkingGroupEntry().Match(entry.FullName);
                bool wanted = workingGroup ? match.Success : entry.FullName.EndsWith(".json", StringComparison.Ordinal) && !entry.FullName.EndsWith('/');
                if (!wanted)
                {
                    continue;
                }

                if (!workingGroup && entry.FullName.Contains('/', StringComparison.Ordinal))
                {
                    throw new SyncException($"{location}: not osv.dev's layout (records sit at the archive's root as ID.json)");
                }

                byte[] bytes = Read(entry, location);
                total += bytes.Length;
                if (total > MaxTotalBytes)
                {
                    throw new SyncException($"{name} holds more than {MaxTotalBytes} bytes of records; at most that is read");
                }

                records.Add(workingGroup
                    ? WorkingGroup(bytes, location, match.Groups[1].Value, now)
                    : Osv(bytes, location, entry.FullName[..^".json".Length]));
            }

            if (records.Count == 0)
            {
                throw new SyncException($"{name} holds no advisory: neither the WG's folders (core/, npm/, deps/) nor OSV records (ID.json)");
            }

            return (records, workingGroup ? "the WG's folders" : "OSV records");
        }
    }

    /// <summary>Every record under a folder, as <c>vigil db import</c> reads it (the WG's folders, or OSV files); any bad one stops the sync.</summary>
    public static List<AdvisoryImport> Folder(string folder, DateTimeOffset now)
    {
        var records = new List<AdvisoryImport>();
        foreach (var (document, problem) in AdvisoryInputs.Enumerate([folder]))
        {
            if (problem is not null)
            {
                throw new SyncException(problem.ToString());
            }

            if (document!.Format == AdvisoryFormat.NodeReleaseSchedule)
            {
                continue;
            }

            records.Add(Parse(document, now));
        }

        if (records.Count == 0)
        {
            throw new SyncException($"{folder} holds no advisory");
        }

        return records;
    }

    private static AdvisoryImport WorkingGroup(byte[] bytes, string location, string folder, DateTimeOffset now)
    {
        var format = folder switch
        {
            "npm" => AdvisoryFormat.NswgNpm,
            "core" => AdvisoryFormat.NswgCore,
            _ => AdvisoryFormat.NswgDeps,
        };
        return Parse(new AdvisoryDocument(location, format, bytes), now);
    }

    private static AdvisoryImport Parse(AdvisoryDocument document, DateTimeOffset now)
    {
        var (advisory, problems) = AdvisoryParser.Parse(document, now);
        if (advisory is null)
        {
            throw new SyncException(problems.Count > 0 ? problems[^1].ToString() : $"{document.Location}: not an advisory");
        }

        return new AdvisoryImport(advisory.Record, advisory.Source, advisory.ModifiedByImport);
    }

    private static byte[] Read(ZipArchiveEntry entry, string location)
    {
        try
        {
            using var content = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxRecordBytes)
                {
                    throw new SyncException($"{location}: larger than {MaxRecordBytes / (1024 * 1024)} MiB uncompressed");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            throw new SyncException($"{location}: cannot read the entry: {e.Message}");
        }
    }

    /// <summary>An entry name fit for a message: control characters shown as <c>?</c>.</summary>
    private static string Printable(string name) => new([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
}
