namespace Vigil.Data;

/// <summary>Where the embedded database lives when nobody says otherwise.</summary>
public static class DatabaseLocation
{
    /// <summary>The environment variable that names the database file.</summary>
    public const string EnvironmentVariable = "VIGIL_DB";

    /// <summary>
    /// The database file: <paramref name="explicitPath"/> when given (the <c>--db</c> option), else the file
    /// named by <c>VIGIL_DB</c>, else <c>vigil/vigil.db</c> in the user's local data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows).
    /// </summary>
    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(data, "vigil", "vigil.db");
    }
}
