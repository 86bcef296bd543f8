using System.Buffers;
using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Manifests;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles;

/// <summary>
/// A reader of a lockfile file. Every file is first checked the same way: at most
/// <see cref="LockfileLimits.MaxFileBytes"/> (refused by its size before it is read), UTF-8 (a byte order mark is
/// skipped), no NUL byte, no git merge conflict markers.
/// </summary>
public abstract class LockfileFileReader : ILockfileReader
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<string> FileNames { get; }

    /// <inheritdoc/>
    public LockfileReadResult Read(string path) => Read(path, namesKnown: null);

    /// <inheritdoc/>
    public LockfileReadResult Read(string path, Action<IReadOnlySet<string>>? namesKnown)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return LockfileReadResult.Failure(Errors.NotFound(path, "this is a folder, not a lockfile"));
        }

        byte[] rented;
        int length;
        try
        {
            (rented, length) = FileInput.Rent(path, path, LockfileLimits.MaxFileBytes);
        }
        catch (LockfileParseException e)
        {
            return LockfileReadResult.Failure(e.Error);
        }

        // Nothing read keeps the bytes (strings are copied out of them), so they go back to the pool.
        try
        {
            return Read(rented.AsMemory(0, length), path, namesKnown);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads lockfile content. <paramref name="path"/> names it in errors; the folder it names is where the project's
    /// <c>package.json</c> files are looked for, when the format needs them (yarn, npm's version 1).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public LockfileReadResult Read(ReadOnlyMemory<byte> content, string path) => Read(content, path, namesKnown: null);

    private LockfileReadResult Read(ReadOnlyMemory<byte> content, string path, Action<IReadOnlySet<string>>? namesKnown)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var source = SourceText.Check(path, content);
            var (graph, format, version) = Parse(source, ProjectFolder(path), namesKnown);
            return LockfileReadResult.Success(LockfileAssembler.Assemble(graph, path, format, version, useRecordedTypes: !ComputeTypes));
        }
        catch (LockfileParseException e)
        {
            return LockfileReadResult.Failure(e.Error);
        }
    }

    /// <summary>
    /// Computes dependency types from the graph even where the lockfile records them (npm): the tests compare the two
    /// to check the computation that the other formats rely on.
    /// </summary>
    internal bool ComputeTypes { get; init; }

    /// <summary>
    /// Parses checked text into a dependency graph; throws <see cref="LockfileParseException"/> at the first error. A
    /// reader that knows the package names well before the graph is built may tell <paramref name="namesKnown"/>
    /// (<see cref="ILockfileReader.Read(string, Action{IReadOnlySet{string}})"/>).
    /// </summary>
    private protected abstract (DependencyGraph Graph, LockfileFormat Format, string Version) Parse(SourceText source, string? projectFolder, Action<IReadOnlySet<string>>? namesKnown);

    private static string? ProjectFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return folder is not null && Directory.Exists(folder) ? folder : null;
    }
}
