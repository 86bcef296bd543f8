using System.Buffers;
using System.Globalization;
using System.Text;
using SQLitePCL;
using Vigil.Data.Sqlite;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Data.Advisories;

/// <summary>
/// The audit's two queries read through SQLite's own statement interface: the columns are read as bytes, and a text
/// seen before (a package name or an advisory id, which the caller already holds; a range, a CVSS vector or a CWE,
/// which advisories repeat) is not made into a new string. An audit reads thousands of entries, and their strings were
/// most of what the lookup allocated.
/// </summary>
public sealed partial class AdvisoryStore
{
    private static void ReadSqliteEntries(sqlite3 handle, string sql, string ecosystem, IReadOnlyCollection<string> names, List<AffectedEntry> entries)
    {
        var texts = new TextTable([], names.Count);
        using var statement = Prepare(handle, sql, ecosystem, JsonArray(names));
        nint row = statement.DangerousGetHandle();
        var name = new LastText();
        int rc;
        while ((rc = SqliteRows.Step(row)) == raw.SQLITE_ROW)
        {
            entries.Add(new AffectedEntry(
                Encoding.UTF8.GetString(Required(row, 0)), ecosystem, name.Get(Required(row, 1)), texts.Get(Required(row, 2)), texts.Get(Required(row, 3))));
        }

        Done(rc, handle);
    }

    private static void ReadSqliteFacts(sqlite3 handle, string sql, string ecosystem, IReadOnlyCollection<(string Name, string AdvisoryId)> keys, Dictionary<string, AdvisoryFacts> facts)
    {
        var texts = new TextTable(keys.Select(k => k.AdvisoryId), keys.Count);
        using var statement = Prepare(handle, sql, ecosystem, JsonPairs(keys));
        nint row = statement.DangerousGetHandle();
        int rc;
        while ((rc = SqliteRows.Step(row)) == raw.SQLITE_ROW)
        {
            string id = texts.Get(Required(row, 0));
            if (facts.ContainsKey(id))
            {
                continue;
            }

            var level = Level(Required(row, 3));
            decimal? score = SqliteRows.TryGet(row, 4, out var bytes) ? decimal.Parse(bytes, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
            string? vector = SqliteRows.TryGet(row, 5, out bytes) ? texts.Get(bytes) : null;
            facts[id] = new AdvisoryFacts(
                id, Lines(Required(row, 1), null), Optional(row, 2), new AdvisorySeverity(level, score, vector), Optional(row, 6), Lines(Required(row, 7), texts));
        }

        Done(rc, handle);
    }

    private static sqlite3_stmt Prepare(sqlite3 handle, string sql, string ecosystem, string json)
    {
        SqliteReader.Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        try
        {
            SqliteReader.Check(raw.sqlite3_bind_text(statement, 1, ecosystem), handle);
            SqliteReader.Check(raw.sqlite3_bind_text(statement, 2, json), handle);
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    private static void Done(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_DONE)
        {
            SqliteReader.Check(rc, handle);
        }
    }

    private static ReadOnlySpan<byte> Required(nint row, int column) =>
        SqliteRows.TryGet(row, column, out var bytes)
            ? bytes
            : throw new DatabaseException($"advisory_packages holds an empty value in column {column + 1} of an affected entry");

    private static string? Optional(nint row, int column) =>
        SqliteRows.TryGet(row, column, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The level as the writer stores it (lower case), read from its bytes.</summary>
    private static SeverityLevel Level(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("high"u8) ? SeverityLevel.High
        : text.SequenceEqual("moderate"u8) ? SeverityLevel.Moderate
        : text.SequenceEqual("critical"u8) ? SeverityLevel.Critical
        : text.SequenceEqual("low"u8) ? SeverityLevel.Low
        : text.SequenceEqual("info"u8) ? SeverityLevel.Info
        : text.SequenceEqual("unknown"u8) ? SeverityLevel.Unknown
        : Level(Encoding.UTF8.GetString(text));

    /// <summary>The non-empty lines of a column, as <c>Split('\n', RemoveEmptyEntries)</c> gives them.</summary>
    private static string[] Lines(ReadOnlySpan<byte> text, TextTable? texts)
    {
        int count = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            count += range.End.Equals(range.Start) ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        var lines = new string[count];
        int i = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (!line.IsEmpty)
            {
                lines[i++] = texts is null ? Encoding.UTF8.GetString(line) : texts.Get(line);
            }
        }

        return lines;
    }

    /// <summary>
    /// The string of the text read last, kept while the same text comes again: rows come in the order of their key,
    /// so the entries of a package follow one another.
    /// </summary>
    private sealed class LastText
    {
        private byte[] _bytes = new byte[256];
        private int _length = -1;
        private string _text = string.Empty;

        public string Get(ReadOnlySpan<byte> bytes)
        {
            if (_length >= 0 && bytes.SequenceEqual(_bytes.AsSpan(0, _length)))
            {
                return _text;
            }

            if (_bytes.Length < bytes.Length)
            {
                _bytes = new byte[bytes.Length];
            }

            bytes.CopyTo(_bytes);
            _length = bytes.Length;
            _text = Encoding.UTF8.GetString(bytes);
            return _text;
        }
    }

    /// <summary>
    /// One string per distinct text read, found by its UTF-8 bytes (no characters decoded for a text seen before),
    /// starting with strings the caller holds. Its arrays are kept apart, each small enough for the ordinary heap (an
    /// array on the large object heap counts toward a budget of its own, and one more can start a full collection).
    /// </summary>
    private sealed class TextTable
    {
        private int[] _buckets;
        private int[] _hashes;
        private int[] _next;
        private string[] _texts;
        private int _count;

        public TextTable(IEnumerable<string> seeds, int expected)
        {
            int size = 64;
            while (size < expected)
            {
                size *= 2;
            }

            _buckets = new int[size];
            _hashes = new int[size];
            _next = new int[size];
            _texts = new string[size];
            Span<byte> buffer = stackalloc byte[256];
            foreach (string seed in seeds)
            {
                // A text that is not valid UTF-16 has no UTF-8 form, so nothing read can be it.
                if (IsValidUtf16(seed))
                {
                    int length = Encoding.UTF8.GetMaxByteCount(seed.Length);
                    var bytes = length <= buffer.Length ? buffer : new byte[length];
                    bytes = bytes[..Encoding.UTF8.GetBytes(seed, bytes)];
                    int hash = Hash(bytes);
                    if (Find(bytes, hash) is null)
                    {
                        Add(bytes, hash, seed);
                    }
                }
            }
        }

        public string Get(ReadOnlySpan<byte> bytes)
        {
            int hash = Hash(bytes);
            if (Find(bytes, hash) is { } text)
            {
                return text;
            }

            text = Encoding.UTF8.GetString(bytes);
            Add(bytes, hash, text);
            return text;
        }

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }

        private string? Find(ReadOnlySpan<byte> bytes, int hash)
        {
            for (int i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _next[i])
            {
                if (_hashes[i] == hash && Same(bytes, _texts[i]))
                {
                    return _texts[i];
                }
            }

            return null;
        }

        /// <summary>Whether the UTF-8 bytes are the text: compared as ASCII, decoded only when they are not.</summary>
        private static bool Same(ReadOnlySpan<byte> bytes, string text)
        {
            if (Ascii.Equals(bytes, text))
            {
                return true;
            }

            if (Ascii.IsValid(bytes) || bytes.Length < text.Length)
            {
                return false;
            }

            char[] chars = ArrayPool<char>.Shared.Rent(bytes.Length);
            bool same = chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, chars)).SequenceEqual(text);
            ArrayPool<char>.Shared.Return(chars);
            return same;
        }

        private void Add(ReadOnlySpan<byte> bytes, int hash, string text)
        {
            if (_count == _texts.Length)
            {
                Grow();
            }

            ref int bucket = ref _buckets[hash & (_buckets.Length - 1)];
            _hashes[_count] = hash;
            _next[_count] = bucket - 1;
            _texts[_count] = text;
            bucket = ++_count;
        }

        private void Grow()
        {
            int size = _texts.Length * 2;
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _next, size);
            Array.Resize(ref _texts, size);
            _buckets = new int[size];
            for (int i = 0; i < _count; i++)
            {
                ref int bucket = ref _buckets[_hashes[i] & (size - 1)];
                _next[i] = bucket - 1;
                bucket = i + 1;
            }
        }
    }
}
