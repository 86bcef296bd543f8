using System.CommandLine;
using Vigil.Data;
using Vigil.Data.Advisories;

namespace Vigil.Cli.Commands.Db;

/// <summary>Opens the database a command line names, turning database failures into exit code 4.</summary>
static class Database
{
    public static AdvisoryStore Open(ParseResult parse, bool create)
    {
        string path = DatabaseLocation.Resolve(parse.GetValue(DbCommand.DatabaseOption));
        try
        {
            return new AdvisoryStore(VigilDatabase.OpenSqlite(path, create));
        }
        catch (DatabaseException e)
        {
            throw new CliException(ExitCodes.Database, e.Message);
        }
    }

    /// <summary>Opens the database for reading only (no schema change unless it is from an older Vigil).</summary>
    public static AdvisoryStore OpenForReading(ParseResult parse)
    {
        string path = DatabaseLocation.Resolve(parse.GetValue(DbCommand.DatabaseOption));
        try
        {
            return new AdvisoryStore(VigilDatabase.OpenSqliteForReading(path));
        }
        catch (DatabaseException e)
        {
            throw new CliException(ExitCodes.Database, e.Message);
        }
    }

    /// <summary>Runs a database operation, turning database failures into exit code 4.</summary>
    public static T Use<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (DatabaseException e)
        {
            throw new CliException(ExitCodes.Database, e.Message);
        }
        catch (System.Data.Common.DbException e)
        {
            throw new CliException(ExitCodes.Database, "database error: " + e.Message);
        }
    }
}
