using System.Text.Json;
using Vigil.Cli.Tests.Bars.Support;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars;

/// <summary>
/// Bar: the table report fits an 80-column terminal for every fixture of every client, and the Markdown report,
/// rendered as GitHub renders it (<c>tests/tools/markdown/render.js</c>: markdown-it, GFM tables, raw HTML allowed),
/// keeps hostile package and advisory text (<c>|</c>, <c>&lt;script&gt;</c>, backticks, emphasis, links, entities,
/// a URL with <c>|</c> and <c>&lt;</c>) as text inside its own cell: no extra cell, no HTML but the report's own
/// <c>&lt;br&gt;</c>, no link but the advisory's.
/// </summary>
public sealed class ReportTextTests(WgDatabase database) : IClassFixture<WgDatabase>
{
    private const string HostileSummary = "Pipes | and <script>alert(1)</script> and `ticks` and **stars** [link](javascript:alert(1)) &amp; <img src=x onerror=alert(1)>";
    private const string HostileName = "evil|<script>`x`";

    public static TheoryData<string, string> Lockfiles
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string project in BarsData.OwnProjects)
            {
                data.Add(project, "npm");
            }

            foreach (string project in BarsData.OwnClientProjects.Concat(BarsData.CorpusProjects))
            {
                foreach (string client in BarsData.Clients.Where(c => c != "npm" || project.StartsWith("corpus/", StringComparison.Ordinal)))
                {
                    data.Add(project, client);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Lockfiles))]
    public void Table_fits_eighty_columns(string project, string client)
    {
        using var folder = new TempDirectory();
        BarsData.Lay(project, client, folder.Path);
        var result = database.Vigil("audit", folder.Path);
        Assert.True(result.ExitCode == 1, $"vigil audit exited {result.ExitCode}: {result.Error}");
        AssertFits(result.Output);
    }

    [Fact]
    public void Table_of_hostile_text_fits_eighty_columns()
    {
        using var project = HostileProject();
        var result = CliRun.Run("audit", project.Path, "--db", project.File("hostile.db"));
        Assert.Equal(1, result.ExitCode);
        AssertFits(result.Output);
        Assert.DoesNotContain('\u001b', result.Output);
    }

    [Fact]
    public void Markdown_keeps_hostile_text_as_text_in_its_cell()
    {
        using var project = HostileProject();
        var result = CliRun.Run("audit", project.Path, "--format", "markdown", "--db", project.File("hostile.db"));
        Assert.Equal(1, result.ExitCode);
        File.WriteAllText(project.File("report.md"), result.Output);
        using var rendered = JsonDocument.Parse(NodeTools.RunNode(NodeTools.Tool("markdown"), "render.js", string.Empty, TimeSpan.FromMinutes(1), project.File("report.md")));
        var root = rendered.RootElement;

        var table = Assert.Single(root.GetProperty("tables").EnumerateArray());
        string[] header = [.. table.GetProperty("header").EnumerateArray().Select(c => c.GetString()!)];
        Assert.Equal(["Severity", "Package", "Advisory", "Vulnerable", "Fix", "Via"], header);
        var rows = table.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(header.Length, row.Length));

        var summaryRow = Assert.Single(rows, r => r[2].Contains("VIGIL-TEST-1", StringComparison.Ordinal));
        Assert.Contains(HostileSummary, summaryRow[2], StringComparison.Ordinal);
        Assert.Equal("evil-pkg@1.0.0", summaryRow[1]);
        Assert.Equal("evil-pkg", summaryRow[5]);
        var nameRow = Assert.Single(rows, r => r[2].Contains("VIGIL-TEST-2", StringComparison.Ordinal));
        Assert.Contains("evil|<script>", nameRow[1], StringComparison.Ordinal);
        Assert.Equal(HostileName, nameRow[5]);
        Assert.Contains("second | <b>bold</b>", nameRow[2], StringComparison.Ordinal);

        Assert.All(root.GetProperty("html").EnumerateArray(), html => Assert.Equal("<br>", html.GetString()));
        string link = Assert.Single(root.GetProperty("links").EnumerateArray()).GetString()!;
        Assert.StartsWith("https://example.org/a", link, StringComparison.Ordinal);
        Assert.DoesNotContain('<', link);
        Assert.DoesNotContain('|', link);
    }

    private static void AssertFits(string output)
    {
        Assert.NotEmpty(output);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, $"{line.Length} columns: {line}"));
    }

    /// <summary>
    /// A project whose lockfile holds a package named with <c>|</c>, <c>&lt;script&gt;</c> and backticks, and a database
    /// with the WG's advisories and two hostile ones: a summary full of Markdown and HTML, a URL with <c>|</c> and
    /// <c>&lt;</c>, and an advisory of the hostile name.
    /// </summary>
    private static TempDirectory HostileProject()
    {
        var folder = new TempDirectory();
        var advisories = Directory.CreateDirectory(folder.File("advisories")).FullName;
        File.WriteAllText(Path.Combine(advisories, "VIGIL-TEST-1.json"), JsonSerializer.Serialize(new
        {
            schema_version = "1.6.0",
            id = "VIGIL-TEST-1",
            modified = "2026-01-01T00:00:00Z",
            summary = HostileSummary,
            aliases = new[] { "CVE-2099-0001" },
            affected = new[] { new { package = new { ecosystem = "npm", name = "evil-pkg" }, ranges = new[] { new { type = "SEMVER", events = new object[] { new { introduced = "0" }, new { @fixed = "2.0.0" } } } } } },
            references = new[] { new { type = "ADVISORY", url = "https://example.org/a|b)<script>x`y` z" } },
            database_specific = new { severity = "HIGH" },
        }));
        File.WriteAllText(Path.Combine(advisories, "VIGIL-TEST-2.json"), JsonSerializer.Serialize(new
        {
            schema_version = "1.6.0",
            id = "VIGIL-TEST-2",
            modified = "2026-01-01T00:00:00Z",
            summary = "second | <b>bold</b>",
            affected = new[] { new { package = new { ecosystem = "npm", name = HostileName }, ranges = new[] { new { type = "SEMVER", events = new object[] { new { introduced = "0" } } } } } },
            database_specific = new { severity = "LOW" },
        }));
        var import = CliRun.Run("db", "import", SharedData.NodejsSecurityWg, advisories, "--db", folder.File("hostile.db"));
        Assert.True(import.ExitCode == 0, import.Error);
        File.WriteAllText(folder.File("package-lock.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "hostile",
            ["lockfileVersion"] = 3,
            ["requires"] = true,
            ["packages"] = new Dictionary<string, object>
            {
                [""] = new { name = "hostile", dependencies = new Dictionary<string, string> { ["evil-pkg"] = "1.0.0", [HostileName] = "1.0.0" } },
                ["node_modules/evil-pkg"] = new { version = "1.0.0" },
                ["node_modules/" + HostileName] = new { version = "1.0.0" },
            },
        }));
        return folder;
    }
}
