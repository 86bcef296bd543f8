using System.Diagnostics.CodeAnalysis;

namespace Vigil.Lockfiles;

/// <summary>The outcome of reading a lockfile: the whole lockfile, or an error (never a part of it).</summary>
public sealed class LockfileReadResult
{
    private LockfileReadResult(Lockfile? lockfile, LockfileError? error)
    {
        Lockfile = lockfile;
        Error = error;
    }

    /// <summary>The lockfile, when reading succeeded.</summary>
    public Lockfile? Lockfile { get; }

    /// <summary>Why reading failed, when it did.</summary>
    public LockfileError? Error { get; }

    /// <summary>True when <see cref="Lockfile"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Lockfile))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Lockfile is not null;

    /// <summary>A successful result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="lockfile"/> is null.</exception>
    public static LockfileReadResult Success(Lockfile lockfile)
    {
        ArgumentNullException.ThrowIfNull(lockfile);
        return new LockfileReadResult(lockfile, null);
    }

    /// <summary>A failed result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public static LockfileReadResult Failure(LockfileError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new LockfileReadResult(null, error);
    }

    /// <summary>The lockfile's description, or the error's text.</summary>
    public override string ToString() => Succeeded ? Lockfile.ToString() : Error.ToString();
}
