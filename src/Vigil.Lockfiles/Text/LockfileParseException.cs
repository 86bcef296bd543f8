namespace Vigil.Lockfiles.Text;

/// <summary>Thrown inside a reader to stop at the first error; the reader turns it into a <see cref="LockfileReadResult"/>.</summary>
internal sealed class LockfileParseException(LockfileError error) : Exception(error.Message)
{
    public LockfileError Error { get; } = error;
}
