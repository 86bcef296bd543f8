using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil db</c>: the advisory database.</summary>
static class DbCommand
{
    public static Command Create() => new("db", "Import, validate, export and query the advisory database.");
}
