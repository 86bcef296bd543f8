using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// Reads <c>yarn.lock</c>: yarn 1's own format ("yarn lockfile v1") or, when the file has a top-level
/// <c>__metadata</c> key, the YAML format of yarn 2 and later (berry). Both need the project's <c>package.json</c>
/// files beside the lockfile to know the project's own dependencies and which of them are dev dependencies.
/// </summary>
public sealed class YarnLockfileReader : LockfileFileReader
{
    /// <inheritdoc/>
    public override string Name => "yarn";

    /// <inheritdoc/>
    public override IReadOnlyList<string> FileNames { get; } = ["yarn.lock"];

    private protected override (DependencyGraph Graph, LockfileFormat Format, string Version) Parse(SourceText source, string? projectFolder, Action<IReadOnlySet<string>>? namesKnown)
    {
        source.RequireFinalLineBreak();
        if (IsBerry(source.Utf8.Span))
        {
            var (graph, version) = YarnBerryReader.Read(source, projectFolder);
            return (graph, LockfileFormat.YarnBerry, version);
        }

        return (YarnClassicReader.Read(source, projectFolder), LockfileFormat.YarnClassic, "v1");
    }

    /// <summary>Berry files have a top-level <c>__metadata:</c> line; classic files never do.</summary>
    private static bool IsBerry(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            var line = utf8[offset..];
            if (line.StartsWith("__metadata:"u8) || line.StartsWith("\"__metadata\":"u8))
            {
                return true;
            }

            var next = line.IndexOf((byte)'\n');
            if (next < 0)
            {
                return false;
            }

            offset += next + 1;
        }

        return false;
    }
}
