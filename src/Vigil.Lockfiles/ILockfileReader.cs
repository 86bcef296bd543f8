namespace Vigil.Lockfiles;

/// <summary>A reader for one kind of input (<see cref="LockfileFormat"/>). Readers hold no state and are thread-safe.</summary>
public interface ILockfileReader
{
    /// <summary>A short, stable name: <c>npm</c>, <c>yarn</c>, <c>pnpm</c>, <c>bun</c>, <c>node_modules</c>.</summary>
    string Name { get; }

    /// <summary>The file (or folder) names this reader reads, e.g. <c>package-lock.json</c>.</summary>
    IReadOnlyList<string> FileNames { get; }

    /// <summary>
    /// Reads the lockfile (or folder) at <paramref name="path"/>. Input is treated as hostile: every problem is a
    /// <see cref="LockfileError"/> naming the file and line; the method throws only for a null argument.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    LockfileReadResult Read(string path);

    /// <summary>
    /// Reads as <see cref="Read(string)"/>, and may tell <paramref name="namesKnown"/>, at most once and on the calling
    /// thread, the names of the packages the input resolves as soon as it knows them, before it has built the rest: a
    /// caller can start looking them up meanwhile. The names are a guess to start with, not a result: they may miss
    /// some packages of the result or name some that are not in it, and are told even if the read then fails.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    LockfileReadResult Read(string path, Action<IReadOnlySet<string>>? namesKnown) => Read(path);
}
