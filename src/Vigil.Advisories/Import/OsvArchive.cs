using System.IO.Compression;

namespace Vigil.Advisories.Import;

/// <summary>
/// Reads the OSV records in a zip archive laid out as osv.dev's <c>all.zip</c> (one <c>ID.json</c> per record),
/// entry by entry in memory: nothing is ever extracted to disk, so entry names cannot reach the file system.
/// </summary>
/// <remarks>
/// Limits guard against archive bombs: at most <see cref="MaxEntries"/> entries, each at most 10 MiB
/// uncompressed, and <see cref="MaxTotalBytes"/> uncompressed in all. Sizes are counted while reading, not
/// taken from the archive's headers.
/// </remarks>
internal static class OsvArchive
{
    public const int MaxEntries = 2_000_000;
    public const long MaxTotalBytes = 8L * 1024 * 1024 * 1024;

    public static IEnumerable<(AdvisoryDocument? Document, AdvisoryProblem? Problem)> Read(string path)
    {
        FileStream stream;
        ZipArchive archive;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return [(null, new AdvisoryProblem(path, "not a readable zip archive: " + e.Message))];
        }

        return Entries(stream, archive, path);
    }

    private static IEnumerable<(AdvisoryDocument?, AdvisoryProblem?)> Entries(FileStream stream, ZipArchive archive, string path)
    {
        using (stream)
        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
            {
                yield return (null, new AdvisoryProblem(path, $"the archive has {archive.Entries.Count} entries; at most {MaxEntries} are read"));
                yield break;
            }

            long total = 0;
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.FullName.EndsWith('/') || !entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string location = $"{path}!{Printable(entry.FullName)}";
                var (bytes, error) = ReadEntry(entry);
                if (bytes is null)
                {
                    yield return (null, new AdvisoryProblem(location, error!));
                    continue;
                }

                total += bytes.Length;
                if (total > MaxTotalBytes)
                {
                    yield return (null, new AdvisoryProblem(path, $"the archive holds more than {MaxTotalBytes / (1024 * 1024 * 1024)} GiB of records; the rest is not read"));
                    yield break;
                }

                yield return (new AdvisoryDocument(location, AdvisoryFormat.Osv, bytes), null);
            }
        }
    }

    private static (byte[]? Bytes, string? Error) ReadEntry(ZipArchiveEntry entry)
    {
        try
        {
            using var content = entry.Open();
            byte[]? bytes = BoundedRead.Read(content, BoundedRead.MaxDocumentBytes);
            return bytes is null ? (null, $"the entry is larger than {BoundedRead.MaxDocumentBytes / (1024 * 1024)} MiB uncompressed") : (bytes, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            return (null, "cannot read the entry: " + e.Message);
        }
    }

    /// <summary>An entry name fit for a message: control characters shown as <c>?</c>.</summary>
    private static string Printable(string name) =>
        string.Create(name.Length, name, (span, s) =>
        {
            for (int i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
}
