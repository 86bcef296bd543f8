using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Vigil.Data;
using Vigil.Data.Advisories;

namespace Vigil.Benchmarks;

/// <summary>
/// Imports into a fresh SQLite file, the way <c>vigil db import</c> does (read, convert, store in one
/// transaction): the WG's whole database, and 100,000 generated OSV records from an osv.dev-style all.zip.
/// Each iteration starts from an empty database; the time includes reading the files.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ImportBenchmarks
{
    private const int GeneratedRecords = 100_000;

    private string _folder = "";
    private string _zip = "";
    private string _database = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "vigil-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _zip = Path.Combine(_folder, "all.zip");
        WriteGeneratedArchive(_zip, GeneratedRecords);
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        SqliteConnection.ClearAllPools();
        _database = Path.Combine(_folder, $"vigil-{Guid.NewGuid():N}.db");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public int WorkingGroupSnapshot() => Import(WorkingGroupFolder());

    [Benchmark]
    public int GeneratedOsvArchive() => Import(_zip);

    private int Import(string path)
    {
        var store = new AdvisoryStore(VigilDatabase.OpenSqlite(_database));
        var report = new AdvisoryImporter(store, TimeProvider.System).Import([path]);
        return report.Summary.Count(ImportOutcome.Added);
    }

    /// <summary>The WG snapshot beside the repository (<c>../shared/data/nodejs-security-wg</c>), or <c>VIGIL_SHARED</c>.</summary>
    private static string WorkingGroupFolder()
    {
        string? shared = Environment.GetEnvironmentVariable("VIGIL_SHARED");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); shared is null && dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                shared = Path.Combine(dir.FullName, "..", "shared");
            }
        }

        return Path.Combine(shared ?? throw new DirectoryNotFoundException("Set VIGIL_SHARED to the shared data folder."), "data", "nodejs-security-wg");
    }

    /// <summary>Records shaped like GitHub's npm advisories: aliases, CVSS, two ranges, references, a few paragraphs.</summary>
    private static void WriteGeneratedArchive(string path, int count)
    {
        var random = new Random(7);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        for (int i = 0; i < count; i++)
        {
            string id = $"GHSA-bench-{i:D6}";
            int major = random.Next(0, 20), minor = random.Next(0, 30), patch = random.Next(0, 50);
            string json = $$"""
                {
                  "schema_version": "1.7.0",
                  "id": "{{id}}",
                  "modified": "2025-{{1 + (i % 12):D2}}-{{1 + (i % 28):D2}}T12:00:00Z",
                  "published": "2024-01-01T00:00:00Z",
                  "aliases": ["CVE-2024-{{10000 + i}}"],
                  "summary": "Generated advisory {{i}} for package-{{i % 20000}}",
                  "details": "{{new StringBuilder().Insert(0, "A generated description of a vulnerability. ", 12)}}",
                  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                  "affected": [{
                    "package": {"ecosystem": "npm", "name": "package-{{i % 20000}}", "purl": "pkg:npm/package-{{i % 20000}}"},
                    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "{{major}}.{{minor}}.{{patch}}"}, {"introduced": "{{major + 1}}.0.0"}, {"fixed": "{{major + 1}}.{{minor}}.{{patch + 1}}"}]}],
                    "database_specific": {"source": "generated"}
                  }],
                  "references": [{"type": "ADVISORY", "url": "https://example.org/advisories/{{id}}"}, {"type": "WEB", "url": "https://example.org/issues/{{i}}"}],
                  "database_specific": {"cwe_ids": ["CWE-1321"], "severity": "HIGH", "github_reviewed": true}
                }
                """;
            var entry = archive.CreateEntry(id + ".json", CompressionLevel.Fastest);
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(json));
        }
    }
}
