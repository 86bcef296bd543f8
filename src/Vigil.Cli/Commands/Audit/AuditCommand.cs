using System.CommandLine;
using Vigil.Audit.Ignoring;
using Vigil.Audit.Reporting;
using Vigil.Audit.Runtime;
using Vigil.Audit;
using Vigil.Cli.Commands.Db;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Cli.Commands.Audit;

/// <summary><c>vigil audit [path]</c>: known vulnerabilities in a project's lockfile and pinned runtime.</summary>
static class AuditCommand
{
    private static readonly string[] Levels = ["info", "low", "moderate", "high", "critical", "none"];

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A lockfile, a node_modules folder, or a project folder (default: the current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var level = new Option<string>("--audit-level") { Description = "The lowest severity that fails the run (exit 1); output is not filtered", DefaultValueFactory = _ => "info" };
        level.AcceptOnlyFromAmong(Levels);
        var omit = new Option<string[]>("--omit") { Description = "Leave out packages only these dependency types bring in (repeatable)", AllowMultipleArgumentsPerToken = false };
        omit.AcceptOnlyFromAmong("dev", "optional", "peer");
        var format = new Option<string>("--format") { Description = "table, json, sarif, markdown or cyclonedx", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong([.. ReportWriters.Names.Keys]);
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output", HelpName = "file" };
        var ignoreFile = new Option<string?>("--ignore-file") { Description = $"Findings to ignore, each with a reason (default: {IgnoreList.DefaultFileName} in the project folder, when present)", HelpName = "file" };
        var command = new Command("audit", """
            Find known vulnerabilities in a project's lockfile (npm, yarn, pnpm, bun or node_modules), offline, with
            npm audit's semantics: aliases under their real names, prereleases in ranges, --omit as npm omits.
            When the project pins Node.js (.nvmrc, .node-version, an exact engines.node), the runtime is checked too.
            Exit codes: 0 nothing at or above --audit-level, 1 findings, 2 usage, 3 unreadable or invalid input
            (lockfile, ignore file), 4 database error, 6 no lockfile in the folder.
            """)
        {
            path,
            level,
            omit,
            format,
            output,
            ignoreFile,
            DbCommand.DatabaseOption,
        };
        command.SetAction(parse => Run(
            parse,
            parse.GetRequiredValue(path),
            parse.GetRequiredValue(level),
            parse.GetValue(omit) ?? [],
            ReportWriters.Names[parse.GetRequiredValue(format)],
            parse.GetValue(output),
            parse.GetValue(ignoreFile)));
        return command;
    }

    private static int Run(ParseResult parse, string path, string level, string[] omit, ReportFormat format, string? outputFile, string? ignoreFile)
    {
        Phases.Mark("parse");
        // The database is opened on the other core while the lockfile is read, and, once the reader knows the package
        // names (npm: after its first pass), their advisories' entries are read there too while it builds the rest.
        // A lockfile error still comes first, as before; the other core's work is then left to end on its own (it only
        // reads). Everything after waits for it, so the database is never used by two threads at once.
        var opening = Task.Run(() => Database.OpenForReading(parse));
        Task<PrefetchedLookup>? prefetching = null;
        var lockfile = LockfileInput.Read(path, names => prefetching = opening.ContinueWith(
            opened => Prefetch(new StoreLookup(opened.Result), names),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default));
        Phases.Mark("lockfile");
        string project = LockfileInput.ProjectFolder(path);
        var ignore = ReadIgnoreList(ignoreFile ?? Path.Combine(project, IgnoreList.DefaultFileName), explicitlyNamed: ignoreFile is not null);
        var store = opening.GetAwaiter().GetResult();
        Phases.Mark("open");
        IAdvisoryLookup prefetched = prefetching is null ? new StoreLookup(store) : Database.Use(() => prefetching.GetAwaiter().GetResult());
        var lookup = new PathsWhileFactsAreRead(prefetched, lockfile);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new AuditOptions(omit.Contains("dev"), omit.Contains("optional"), omit.Contains("peer"), ignore, today);
        var report = Database.Use(() => new Auditor(lookup).Audit(lockfile, options, PinnedRuntime(store, project, today)));
        Phases.Mark("audit");
        var threshold = level == "none" ? (SeverityLevel?)null : Enum.Parse<SeverityLevel>(level, ignoreCase: true);
        var context = new ReportContext(Cli.Version, DateTimeOffset.UtcNow, Uri(lockfile.Path), threshold ?? SeverityLevel.Critical);
        WriteReport(parse, format, report, context, outputFile);
        Phases.Mark("report");
        return threshold is { } t && report.HasFindingsAtOrAbove(t) ? ExitCodes.Findings : ExitCodes.Success;
    }

    /// <summary>The entries of <paramref name="names"/> read ahead; the auditor's own question is answered from them.</summary>
    private static PrefetchedLookup Prefetch(StoreLookup lookup, IReadOnlySet<string> names) =>
        new PrefetchedLookup(lookup, Auditor.Ecosystem, names, lookup.AffectedEntries(Auditor.Ecosystem, names));

    private static IgnoreList ReadIgnoreList(string file, bool explicitlyNamed)
    {
        if (!File.Exists(file))
        {
            return explicitlyNamed ? throw new CliException(ExitCodes.UnreadableInput, $"no such file: {file}") : IgnoreList.Empty;
        }

        try
        {
            if (new FileInfo(file).Length > IgnoreList.MaxBytes)
            {
                throw new CliException(ExitCodes.UnreadableInput, $"{file}: the file is larger than {IgnoreList.MaxBytes / 1024} KiB");
            }

            return IgnoreList.TryParse(File.ReadAllBytes(file), file, out var list, out string? error)
                ? list
                : throw new CliException(ExitCodes.UnreadableInput, TerminalText.Clean(error));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"cannot read {file}: {e.Message}");
        }
    }

    /// <summary>The runtime the project pins (never the node on the PATH: that is the machine's, not the project's).</summary>
    private static RuntimeFinding? PinnedRuntime(AdvisoryStore store, string project, DateOnly today)
    {
        if (NodeVersionSource.Find(project, () => null, out _) is not { } pinned || store.LoadReleaseSchedule() is not { } schedule)
        {
            return null;
        }

        var core = store.ForPackages(RuntimeCheck.Ecosystem, [RuntimeCheck.PackageName]).Select(a => a.Record);
        return new RuntimeFinding(pinned.Source, new RuntimeCheck(core).Check(pinned.Version, NodeVersionSource.CurrentPlatform(), schedule, today));
    }

    private static void WriteReport(ParseResult parse, ReportFormat format, AuditReport report, ReportContext context, string? outputFile)
    {
        if (outputFile is null)
        {
            ReportWriters.Write(format, report, context, parse.InvocationConfiguration.Output);
            return;
        }

        try
        {
            string full = Path.GetFullPath(outputFile);
            string temporary = full + ".tmp-" + Environment.ProcessId;
            using (var writer = new StreamWriter(temporary))
            {
                ReportWriters.Write(format, report, context, writer);
            }

            File.Move(temporary, full, overwrite: true);
            parse.InvocationConfiguration.Error.WriteLine($"vigil: {TableReport.Summary(report)} Report written to {full}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"cannot write {outputFile}: {e.Message}");
        }
    }

    /// <summary>The lockfile's path as reports name it: relative to the working folder when inside it, with <c>/</c>.</summary>
    private static string Uri(string path)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }

    /// <summary>
    /// The database, as the auditor asks it. The facts are asked for through the packages whose entries matched: they
    /// sit beside those entries, in pages the first query read.
    /// </summary>
    private sealed class StoreLookup(AdvisoryStore store) : IAdvisoryLookup
    {
        private string _ecosystem = string.Empty;
        private IReadOnlyList<AffectedEntry> _entries = [];

        public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
        {
            _ecosystem = ecosystem;
            Phases.Mark("audit-start");
            _entries = store.AffectedEntries(ecosystem, names);
            Phases.Mark("entries");
            return _entries;
        }

        public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids)
        {
            var wanted = ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal);
            var keys = new List<(string Name, string AdvisoryId)>(ids.Count);
            var named = new HashSet<string>(ids.Count, StringComparer.Ordinal);
            foreach (var entry in _entries)
            {
                if (wanted.Contains(entry.AdvisoryId) && named.Add(entry.AdvisoryId))
                {
                    keys.Add((entry.Name, entry.AdvisoryId));
                }
            }

            // An id no entry gave (not asked by the auditor) is looked up by id.
            Phases.Mark("match");
            var facts = named.Count == wanted.Count ? store.Facts(_ecosystem, keys) : store.Facts(ids);
            Phases.Mark("facts");
            return facts;
        }
    }
}
