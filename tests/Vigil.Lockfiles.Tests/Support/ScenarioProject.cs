using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>The clients whose variants of a scenario's manifests differ (see testdata/scenarios/generate.sh).</summary>
internal enum Client
{
    /// <summary>npm: <c>package.npm.json</c> replaces <c>package.json</c>.</summary>
    Npm,

    /// <summary>yarn 1: the manifests as they are.</summary>
    Yarn1,

    /// <summary>pnpm, yarn 4 and bun: <c>package.workspace-protocol.json</c> replaces <c>package.json</c>.</summary>
    WorkspaceProtocol,
}

/// <summary>
/// A temporary copy of a scenario's project as a client saw it (its variant of the manifests applied), with a
/// fixture written in as the lockfile: the input of the differential tests.
/// </summary>
internal static class ScenarioProject
{
    public static TempDirectory Create(string scenario, Client client, string lockfileSource, string lockfileName)
    {
        var folder = new TempDirectory();
        Copy(Path.Combine(Fixtures.Scenarios, scenario), folder.Path);
        foreach (var variant in Directory.EnumerateFiles(folder.Path, "package.*.json", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(variant);
            var use = (client, name) switch
            {
                (Client.Npm, "package.npm.json") => true,
                (Client.WorkspaceProtocol, "package.workspace-protocol.json") => true,
                _ => false,
            };
            if (use)
            {
                File.Move(variant, Path.Combine(Path.GetDirectoryName(variant)!, "package.json"), overwrite: true);
            }
            else
            {
                File.Delete(variant);
            }
        }

        File.Copy(lockfileSource, folder.File(lockfileName));
        return folder;
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
