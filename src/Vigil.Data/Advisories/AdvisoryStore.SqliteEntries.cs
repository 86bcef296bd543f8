using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Data.Advisories;

/// <summary>
/// The affected entries read through SQLite's own statement interface: the columns are read as bytes, and a text seen
/// before (a package name, which the caller already holds; a range, which advisories repeat) is not made into a new
/// string. An audit reads thousands of entries, and their strings were most of what the lookup allocated.
/// </summary>
public sealed partial class AdvisoryStore
{
    private const string SqliteEntriesQuery = """
        SELECT advisory_id, name, events, range_text FROM advisory_packages
        WHERE ecosystem = ?1 AND name IN (SELECT value FROM json_each(?2))
        """;

    private static void ReadSqliteEntries(SqliteConnection connection, string ecosystem, IReadOnlyCollection<string> names, List<AffectedEntry> entries)
    {
        var handle = connection.Handle!;
        var texts = new TextTable(names);
        Check(raw.sqlite3_prepare_v2(handle, SqliteEntriesQuery, out var statement), handle);
        using (statement)
        {
            Check(raw.sqlite3_bind_text(statement, 1, ecosystem), handle);
            Check(raw.sqlite3_bind_text(statement, 2, JsonArray(names)), handle);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                entries.Add(new AffectedEntry(Text(statement, 0), ecosystem, texts.Get(statement, 1), texts.Get(statement, 2), texts.Get(statement, 3)));
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(rc, handle);
            }
        }
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    private static ReadOnlySpan<byte> Bytes(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL
            ? throw new DatabaseException($"advisory_packages holds an empty value in column {column + 1} of an affected entry")
            : raw.sqlite3_column_blob(statement, column);

    private static string Text(sqlite3_stmt statement, int column) => Encoding.UTF8.GetString(Bytes(statement, column));

    /// <summary>One string per distinct text read, starting with the names asked for.</summary>
    private sealed class TextTable
    {
        private readonly Dictionary<string, string> _texts;
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private char[] _buffer = new char[256];

        public TextTable(IReadOnlyCollection<string> seeds)
        {
            _texts = new Dictionary<string, string>(seeds.Count * 2, StringComparer.Ordinal);
            foreach (var seed in seeds)
            {
                _texts.TryAdd(seed, seed);
            }

            _lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public string Get(sqlite3_stmt statement, int column)
        {
            var bytes = Bytes(statement, column);
            if (_buffer.Length < bytes.Length)
            {
                _buffer = new char[bytes.Length];
            }

            var chars = _buffer.AsSpan(0, Encoding.UTF8.GetChars(bytes, _buffer));
            if (_lookup.TryGetValue(chars, out var text))
            {
                return text;
            }

            text = chars.ToString();
            _texts[text] = text;
            return text;
        }
    }
}
