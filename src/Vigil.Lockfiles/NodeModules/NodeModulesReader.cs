using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.NodeModules;

/// <summary>
/// Reads an installed <c>node_modules</c> tree instead of a lockfile: the project's <c>package.json</c>, then each
/// dependency's <c>package.json</c>, found as Node.js finds it (the nearest <c>node_modules</c> folder up from the
/// package's real folder, so npm's nested folders, scoped packages, workspace links and pnpm's <c>.pnpm</c> virtual
/// store all work). Installed packages that nothing depends on are listed too. Dependency types are computed with
/// npm's rule. <see cref="Read"/> takes the project folder (or its <c>node_modules</c> folder).
/// </summary>
public sealed class NodeModulesReader : ILockfileReader
{
    /// <inheritdoc/>
    public string Name => "node_modules";

    /// <inheritdoc/>
    public IReadOnlyList<string> FileNames { get; } = ["node_modules"];

    /// <inheritdoc/>
    public LockfileReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var project = Path.GetFileName(Path.TrimEndingDirectorySeparator(path)) == "node_modules" ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
        if (!Directory.Exists(Path.Combine(project, "node_modules")))
        {
            return LockfileReadResult.Failure(Errors.NotFound(path, "no node_modules folder here"));
        }

        try
        {
            var graph = new InstalledTree(project).Build();
            return LockfileReadResult.Success(LockfileAssembler.Assemble(graph, path, LockfileFormat.NodeModules, string.Empty));
        }
        catch (LockfileParseException e)
        {
            return LockfileReadResult.Failure(e.Error);
        }
    }
}
