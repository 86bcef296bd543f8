namespace Vigil.Data;

/// <summary>The database cannot be used: it cannot be opened, is not a Vigil database, is corrupt, or is newer.</summary>
public sealed class DatabaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatabaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
