namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>An OSV record's WG data cannot be read back; caught by <see cref="OsvToNswg"/> and returned as an error.</summary>
internal sealed class StoredFieldException : Exception
{
    public StoredFieldException()
    {
    }

    public StoredFieldException(string message)
        : base(message)
    {
    }

    public StoredFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoredFieldException(string field, string message)
        : base(message) => Field = field;

    /// <summary>The OSV property at fault, in JSON path form.</summary>
    public string Field { get; } = string.Empty;
}
