using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Pnpm;

/// <summary>
/// Reads <c>pnpm-lock.yaml</c>, lockfile versions 5.x (pnpm 6 and 7), 6.x (pnpm 8) and 9.x (pnpm 9 and later;
/// <c>packages</c> holds the metadata, <c>snapshots</c> the dependencies). A package resolved with different peers
/// (<c>react-dom@18.2.0(react@18.2.0)</c>) is one package. Dependency types are computed from the graph with npm's
/// rule; pnpm's own <c>dev</c> flags are not used, so all versions read alike.
/// </summary>
public sealed class PnpmLockfileReader : LockfileFileReader
{
    /// <inheritdoc/>
    public override string Name => "pnpm";

    /// <inheritdoc/>
    public override IReadOnlyList<string> FileNames { get; } = ["pnpm-lock.yaml"];

    private protected override (DependencyGraph Graph, LockfileFormat Format, string Version) Parse(SourceText source, string? projectFolder, Action<IReadOnlySet<string>>? namesKnown)
    {
        var context = new ReadContext(source);
        source.RequireFinalLineBreak();
        var root = context.Map(YamlTreeReader.Read(source), "a pnpm-lock.yaml");
        var versionNode = root["lockfileVersion"] ?? throw context.Invalid(root, "pnpm-lock.yaml has no 'lockfileVersion'");
        var version = context.Text(versionNode, "'lockfileVersion'");
        var major = version.Split('.')[0] switch
        {
            "5" => 5,
            "6" => 6,
            "9" => 9,
            _ => throw context.Error(versionNode.Point, LockfileErrorKind.UnsupportedVersion, $"lockfileVersion {PackageVersions.Shorten(version)} is not one this reader knows (5.x, 6.x, 9.x)"),
        };
        var graph = new PnpmGraphBuilder(context, root, major, projectFolder).Build();
        return (graph, LockfileFormat.Pnpm, version);
    }
}
