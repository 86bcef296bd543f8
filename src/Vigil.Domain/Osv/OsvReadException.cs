namespace Vigil.Domain.Osv;

/// <summary>The only exception <see cref="OsvJson.Read"/> throws for bad input; <see cref="Error"/> says why and where.</summary>
public sealed class OsvReadException : Exception
{
    /// <summary>Creates the exception for an error.</summary>
    /// <param name="error">Why and where the input could not be read.</param>
    public OsvReadException(OsvReadError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        Error = error;
    }

    /// <summary>Why and where the input could not be read.</summary>
    public OsvReadError Error { get; }
}
