using System.Text.Json;
using Vigil.Cli.Tests.Bars.Support;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars;

/// <summary>
/// Bar: for one <c>package.json</c> resolved by npm, yarn 1, yarn 4, pnpm and bun, <c>vigil deps --json</c> on the
/// project folder (the lockfile chosen as the client would) lists exactly the (name, version) set that the client's
/// own parser or command finds in its lockfile (<see cref="ClientLists"/>). Projects: the shared corpus and this
/// folder's projects resolved by every client (aliases; workspaces with two versions of one package).
/// </summary>
public sealed class ClientAgreementTests
{
    public static TheoryData<string, string> Lockfiles
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string project in BarsData.CorpusProjects.Concat(BarsData.OwnClientProjects))
            {
                foreach (string client in BarsData.Clients)
                {
                    data.Add(project, client);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Lockfiles))]
    public void Vigil_deps_lists_what_the_clients_lockfile_holds(string project, string client)
    {
        using var folder = new TempDirectory();
        BarsData.Lay(project, client, folder.Path);
        var result = CliRun.Run("deps", folder.Path, "--json");
        Assert.True(result.ExitCode == 0, $"vigil deps exited {result.ExitCode}: {result.Error}");
        using var deps = JsonDocument.Parse(result.Output);
        var root = deps.RootElement;
        Assert.Equal(ExpectedFormat(client), root.GetProperty("format").GetString() + " " + root.GetProperty("formatVersion").GetString());
        Assert.Empty(root.GetProperty("notAudited").EnumerateArray());
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());
        var packages = root.GetProperty("packages").EnumerateArray().ToList();
        Assert.NotEmpty(packages);

        switch (client)
        {
            case "npm":
                AssertSame(ClientLists.Npm(folder.Path), ByRealName(packages));
                break;
            case "yarn1" or "yarn4":
                AssertSame(ClientLists.Yarn(folder.Path), ByRealName(packages));
                break;
            case "pnpm":
                AssertSame(ClientLists.PnpmReader(folder.Path), ByRealName(packages));
                AssertSame(ClientLists.PnpmList(folder.Path), ByRealName(packages));
                break;
            default:
                AssertSame(ClientLists.Bun(folder.Path), ByInstalledName(packages));
                break;
        }
    }

    /// <summary>The lockfile format and version each client wrote (so the folder's lockfile was the one chosen).</summary>
    private static string ExpectedFormat(string client) => client switch
    {
        "npm" => "npmpackagelock 3",
        "yarn1" => "yarnclassic v1",
        "yarn4" => "yarnberry 10",
        "pnpm" => "pnpm 9.0",
        _ => "bun 2",
    };

    private static void AssertSame(SortedSet<string> client, SortedSet<string> vigil)
    {
        Assert.NotEmpty(client);
        Assert.Equal(string.Join('\n', client), string.Join('\n', vigil));
    }

    private static SortedSet<string> ByRealName(List<JsonElement> packages) =>
        new(packages.Select(p => $"{p.GetProperty("name").GetString()}@{p.GetProperty("version").GetString()}"), StringComparer.Ordinal);

    /// <summary>Each package under every name it is installed as: the last name of each of its paths (an alias for an npm alias).</summary>
    private static SortedSet<string> ByInstalledName(List<JsonElement> packages) => new(
        packages.SelectMany(p =>
        {
            var paths = p.GetProperty("paths").EnumerateArray().Select(x => x.GetString()!).ToList();
            var names = paths.Count == 0 ? [p.GetProperty("name").GetString()!] : paths.Select(x => x[(x.LastIndexOf(" > ", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0)..]);
            return names.Select(n => $"{n}@{p.GetProperty("version").GetString()}");
        }),
        StringComparer.Ordinal);
}
