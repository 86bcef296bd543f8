using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Vigil.Data;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;

// The public API benchmark's data: synthetic but realistic OSV npm advisories (deterministic), and the WG's real
// records, loaded into a PostgreSQL database through Vigil.Data; and the requests wrk and the batch timing send.
//
//   VIGIL_BENCH_POSTGRES=<connection string> dotnet run -c Release -- <count> <package-lock.json> <WG folder> <output folder>
//
// The connection string (from the environment: it holds a password) names the benchmark's database; it is created
// (through the server's default database) when missing.
//
// The mix follows osv.dev's npm data: about one advisory in ten is a vulnerability in a real package (several per
// package, SEMVER ranges, CVE aliases, CVSS vectors); the rest are malicious-package reports, one package each,
// every version affected. Loading is skipped when the database already holds the advisories.
string? connection = Environment.GetEnvironmentVariable("VIGIL_BENCH_POSTGRES");
if (args.Length != 4 || string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine("usage: VIGIL_BENCH_POSTGRES=<connection string> Vigil.Bench.PublicApi <count> <package-lock.json> <WG folder> <output folder>");
    return 2;
}

CreateDatabase(connection);
int count = int.Parse(args[0], CultureInfo.InvariantCulture);
var tree = LockfilePackages(args[1]);
string output = args[3];
Directory.CreateDirectory(output);

using var dataSource = NpgsqlDataSource.Create(connection);
var postgres = new AdvisoryStore(VigilDatabase.OpenPostgreSql(dataSource, "bench database"));
long stored = postgres.Statistics().Advisories;
if (stored >= count)
{
    Console.WriteLine($"the database holds {stored} advisories already; not loading");
}
else
{
    // Through Vigil.Data into a SQLite file (its import is in-process and fast), then the tables copied to PostgreSQL
    // with COPY: row by row over the network, 200,000 imports take an hour on a loaded machine.
    var clock = Stopwatch.StartNew();
    string sqlitePath = Path.Combine(output, "bench.db");
    File.Delete(sqlitePath);
    var sqlite = new AdvisoryStore(VigilDatabase.OpenSqlite(sqlitePath, create: true));
    var random = new Random(20261130);
    var names = tree.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToArray();
    foreach (var chunk in Generate(random, names, count).Chunk(20000))
    {
        sqlite.Import(chunk.Select(r => new AdvisoryImport(r, "osv")));
        Console.Write('.');
    }

    var report = new AdvisoryImporter(sqlite, TimeProvider.System).Import([args[2]]);
    Console.WriteLine($"\n{count} generated and {report.Summary.Outcomes.Count} WG advisories imported into SQLite in {clock.Elapsed.TotalSeconds:F0} s");
    TableCopy.Run(sqlitePath, dataSource);
    Console.WriteLine($"copied to PostgreSQL: {postgres.Statistics().Advisories} advisories, {clock.Elapsed.TotalSeconds:F0} s in all");
}

// wrk's bodies: every package of the lockfile, one query per line; the batch: its first 2,000 packages.
File.WriteAllLines(Path.Combine(output, "queries.jsonl"), tree.Select(p => Query(p.Name, p.Version)));
File.WriteAllText(Path.Combine(output, "batch.json"), "{\"queries\":[" + string.Join(",", tree.Take(2000).Select(p => Query(p.Name, p.Version))) + "]}");
Console.WriteLine($"wrote {tree.Count} queries and a batch of {Math.Min(2000, tree.Count)}");
return 0;

static void CreateDatabase(string connection)
{
    var target = new NpgsqlConnectionStringBuilder(connection);
    var admin = new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" };
    using var server = new NpgsqlConnection(admin.ConnectionString);
    server.Open();
    using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
    exists.Parameters.AddWithValue("name", target.Database!);
    if (exists.ExecuteScalar() is null)
    {
        // A database name cannot be a parameter; this one comes from the benchmark's own script.
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", server);
        create.ExecuteNonQuery();
    }
}

static string Query(string name, string version) =>
    JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["package"] = new Dictionary<string, string> { ["name"] = name, ["ecosystem"] = "npm" },
        ["version"] = version,
    });

static List<(string Name, string Version)> LockfilePackages(string path)
{
    using var lockfile = JsonDocument.Parse(File.ReadAllBytes(path));
    var packages = new List<(string, string)>();
    foreach (var entry in lockfile.RootElement.GetProperty("packages").EnumerateObject())
    {
        int at = entry.Name.LastIndexOf("node_modules/", StringComparison.Ordinal);
        if (at >= 0 && entry.Value.TryGetProperty("version", out var version))
        {
            packages.Add((entry.Name[(at + "node_modules/".Length)..], version.GetString()!));
        }
    }

    return packages;
}

static IEnumerable<OsvRecord> Generate(Random random, string[] treeNames, int count)
{
    var start = new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero);
    string[] words = ["prototype", "pollution", "regular", "expression", "denial", "service", "path", "traversal", "command", "injection", "cross-site", "scripting", "server-side", "request", "forgery", "arbitrary", "code", "execution", "in", "via", "the", "parser", "options", "headers", "when", "handling", "untrusted", "input"];
    string[] vectors = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N"];
    string Text(int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            sb.Append(words[random.Next(words.Length)]).Append(' ');
        }

        return sb.ToString().Trim();
    }

    int vulnerabilities = count / 10;
    for (int i = 0; i < count; i++)
    {
        var modified = start.AddMinutes(random.Next(0, 4_000_000));
        bool vulnerability = i < vulnerabilities;
        string name = vulnerability
            ? (random.Next(3) > 0 ? treeNames[random.Next(treeNames.Length)] : $"pkg-{random.Next(20000):D5}")
            : $"malicious-{i:D6}-{Text(8).Replace(' ', '-')}";
        string id = vulnerability ? $"GHSA-{Code(random)}-{Code(random)}-{Code(random)}" : $"MAL-{2022 + i % 4}-{i}";
        OsvRange range;
        if (vulnerability)
        {
            int major = random.Next(0, 8);
            int minor = random.Next(0, 20);
            var events = new List<OsvEvent> { OsvEvent.Introduced(random.Next(4) == 0 ? "0" : $"{major}.0.0") };
            if (random.Next(10) > 0)
            {
                events.Add(OsvEvent.Fixed($"{major}.{minor}.{random.Next(0, 30)}"));
            }

            range = new OsvRange { Type = OsvRangeType.Semver, Events = events };
        }
        else
        {
            range = new OsvRange { Type = OsvRangeType.Semver, Events = [OsvEvent.Introduced("0")] };
        }

        yield return new OsvRecord
        {
            SchemaVersion = "1.7.0",
            Id = id,
            Modified = OsvTimestamp.FromDateTimeOffset(modified),
            Published = OsvTimestamp.FromDateTimeOffset(modified.AddDays(-random.Next(0, 400))),
            Aliases = vulnerability ? [$"CVE-{2018 + i % 8}-{10000 + i}"] : null,
            Summary = vulnerability ? $"{Text(40)} in {name}" : $"Malicious code in {name} (npm)",
            Details = Text(vulnerability ? 400 : 160),
            Severity = vulnerability ? [new OsvSeverity { Type = OsvSeverityType.CvssV3, Score = vectors[random.Next(vectors.Length)] }] : null,
            Affected = [new OsvAffected { Package = new OsvPackage { Ecosystem = "npm", Name = name, Purl = "pkg:npm/" + Uri.EscapeDataString(name).Replace("%2F", "/", StringComparison.Ordinal) }, Ranges = [range] }],
            References =
            [
                new OsvReference { Type = OsvReferenceType.Advisory, Url = $"https://example.org/advisories/{id}" },
                new OsvReference { Type = OsvReferenceType.Package, Url = $"https://example.org/package/{name}" },
            ],
        };
    }
}

static string Code(Random random)
{
    const string Alphabet = "23456789cfghjmpqrvwx";
    return string.Create(4, random, (span, r) =>
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[r.Next(Alphabet.Length)];
        }
    });
}
