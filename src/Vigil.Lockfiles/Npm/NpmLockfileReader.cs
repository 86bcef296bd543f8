using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// Reads npm's <c>package-lock.json</c> and <c>npm-shrinkwrap.json</c>, lockfile versions 1, 2 and 3. Versions 2
/// and 3 are read from <c>packages</c> (the folder layout npm installs), version 1 from its nested
/// <c>dependencies</c>. The dev, optional, dev-optional and peer flags are taken as npm wrote them.
/// </summary>
public sealed class NpmLockfileReader : LockfileFileReader
{
    /// <summary>The file names npm reads, in npm's order of preference.</summary>
    public static IReadOnlyList<string> LockfileNames { get; } = ["npm-shrinkwrap.json", "package-lock.json"];

    /// <inheritdoc/>
    public override string Name => "npm";

    /// <inheritdoc/>
    public override IReadOnlyList<string> FileNames => LockfileNames;

    /// <summary>Reads every file the general way, with a tree: the tests compare the two readers.</summary>
    internal bool GeneralOnly { get; init; }

    private protected override (DependencyGraph Graph, LockfileFormat Format, string Version) Parse(SourceText source, string? projectFolder, Action<IReadOnlySet<string>>? namesKnown)
    {
        var format = Path.GetFileName(source.Name).Equals("npm-shrinkwrap.json", StringComparison.OrdinalIgnoreCase)
            ? LockfileFormat.NpmShrinkwrap
            : LockfileFormat.NpmPackageLock;

        // Versions 2 and 3 without a tree; anything that one pass does not take (version 1, any error) is read the
        // general way, which reports errors.
        if (!GeneralOnly && NpmPackagesFastReader.TryRead(source, namesKnown) is var (graph, fastVersion))
        {
            return (graph, format, fastVersion);
        }

        var context = new ReadContext(source);
        var root = context.Map(JsonTreeReader.Read(source, kept: NpmPackagesReader.Fields), "a package-lock.json");
        var version = root["lockfileVersion"] is { } node ? context.Text(node, "'lockfileVersion'") : "1";
        switch (version)
        {
            case "2" or "3" when root["packages"] is not null:
                return (NpmPackagesReader.Read(context, root), format, version);
            case "1" or "2" or "3":
                return (NpmV1Reader.Read(context, root, projectFolder), format, version);
            default:
                throw context.Error(root["lockfileVersion"]!.Point, LockfileErrorKind.UnsupportedVersion, $"lockfileVersion {version} is not one npm has written (1, 2 or 3)");
        }
    }
}
