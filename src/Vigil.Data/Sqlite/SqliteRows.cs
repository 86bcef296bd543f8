using System.Runtime.InteropServices;

namespace Vigil.Data.Sqlite;

/// <summary>
/// SQLite's row functions, called on a statement's raw pointer: an audit reads thousands of rows of several columns,
/// and through SQLitePCL each call took and released the statement's safe handle. The statement is held by its
/// <see cref="SQLitePCL.sqlite3_stmt"/> for the whole read, so the pointer stays valid.
/// </summary>
/// <remarks>
/// The functions are declared for both SQLite libraries Vigil runs on, the bundled <c>e_sqlite3</c> and the
/// <c>sqlite3</c> the CLI links into its binary (<see cref="VigilDatabase.UseLinkedSqlite"/>); only the one in use is
/// ever bound. The column functions skip the runtime's GC transition: they neither block nor call back.
/// </remarks>
internal static partial class SqliteRows
{
    /// <summary>Whether the linked <c>sqlite3</c> is in use instead of the bundled library.</summary>
    internal static bool Linked { get; set; }

    /// <summary>Steps a statement: <c>SQLITE_ROW</c>, <c>SQLITE_DONE</c> or an error code.</summary>
    public static int Step(nint statement) => Linked ? LinkedLibrary.sqlite3_step(statement) : BundledLibrary.sqlite3_step(statement);

    /// <summary>
    /// The bytes of a column of the current row (text as UTF-8), or <c>null</c> when the column is NULL: valid until the
    /// next step.
    /// </summary>
    public static unsafe bool TryGet(nint statement, int column, out ReadOnlySpan<byte> bytes)
    {
        nint data;
        int length;
        if (Linked)
        {
            data = LinkedLibrary.sqlite3_column_blob(statement, column);
            length = LinkedLibrary.sqlite3_column_bytes(statement, column);
        }
        else
        {
            data = BundledLibrary.sqlite3_column_blob(statement, column);
            length = BundledLibrary.sqlite3_column_bytes(statement, column);
        }

        bytes = new ReadOnlySpan<byte>((void*)data, length);

        // An empty text or blob may come as a null pointer too: only the type tells it from NULL.
        return data != 0 || Type(statement, column) != SQLitePCL.raw.SQLITE_NULL;
    }

    private static int Type(nint statement, int column) =>
        Linked ? LinkedLibrary.sqlite3_column_type(statement, column) : BundledLibrary.sqlite3_column_type(statement, column);

    private static partial class LinkedLibrary
    {
        [LibraryImport("sqlite3")]
        public static partial int sqlite3_step(nint statement);

        [LibraryImport("sqlite3"), SuppressGCTransition]
        public static partial nint sqlite3_column_blob(nint statement, int column);

        [LibraryImport("sqlite3"), SuppressGCTransition]
        public static partial int sqlite3_column_bytes(nint statement, int column);

        [LibraryImport("sqlite3"), SuppressGCTransition]
        public static partial int sqlite3_column_type(nint statement, int column);
    }

    private static partial class BundledLibrary
    {
        [LibraryImport("e_sqlite3")]
        public static partial int sqlite3_step(nint statement);

        [LibraryImport("e_sqlite3"), SuppressGCTransition]
        public static partial nint sqlite3_column_blob(nint statement, int column);

        [LibraryImport("e_sqlite3"), SuppressGCTransition]
        public static partial int sqlite3_column_bytes(nint statement, int column);

        [LibraryImport("e_sqlite3"), SuppressGCTransition]
        public static partial int sqlite3_column_type(nint statement, int column);
    }
}
