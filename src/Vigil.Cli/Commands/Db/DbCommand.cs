using System.CommandLine;

namespace Vigil.Cli.Commands.Db;

/// <summary><c>vigil db</c>: the advisory database.</summary>
static class DbCommand
{
    /// <summary><c>--db &lt;file&gt;</c>, for every <c>db</c> subcommand.</summary>
    public static readonly Option<string?> DatabaseOption = new("--db")
    {
        Description = "The database file (default: $VIGIL_DB, else vigil/vigil.db in the user's local data folder)",
        HelpName = "file",
        Recursive = true,
    };

    public static Command Create() => new("db", "Import, sync, validate, export and query the advisory database.")
    {
        DatabaseOption,
        ImportCommand.Create(),
        ValidateCommand.Create(),
        ExportCommand.Create(),
        ShowCommand.Create(),
        SearchCommand.Create(),
        StatsCommand.Create(),
        Sync.SyncCommand.Create(),
    };
}
