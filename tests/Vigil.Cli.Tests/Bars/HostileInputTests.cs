using System.Text;
using System.Text.RegularExpressions;
using Vigil.Cli.Tests.Bars.Support;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars;

/// <summary>
/// Bar: hostile lockfiles given to <c>vigil audit</c> and <c>vigil deps</c>, the built CLI run as a child process
/// (<see cref="VigilProcess"/>: its processor time, wall time and the kernel's peak resident memory): truncated files, git conflict
/// markers, invalid UTF-8, duplicate keys, 10,000-deep nesting, a YAML alias bomb and a 100 MB file, in every
/// lockfile format they apply to. Each gives one line <c>vigil: file:line[:column]: reason</c> on standard error (no
/// stack trace; the 100 MB file, a problem of the whole file, <c>vigil: file: reason</c>), exit code 3, within
/// 2 seconds and 256 MiB. The 2 seconds are the processor time the process used: its wall time also counts the time
/// other work on a shared machine keeps it waiting, so wall time is bounded only against hangs (<see cref="HangLimit"/>).
/// </summary>
public sealed partial class HostileInputTests(WgDatabase database, ITestOutputHelper output) : IClassFixture<WgDatabase>
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);
    private const long MemoryLimit = 256L * 1024 * 1024;
    private const int Deep = 10_000;

    /// <summary>The lockfile each format is named, and the real fixture hostile variants are made from.</summary>
    private static readonly Dictionary<string, (string Name, string Project, string Client)> Formats = new()
    {
        ["npm"] = ("package-lock.json", "n01-old-vulnerable", "npm"),
        ["yarn-classic"] = ("yarn.lock", "n04-workspaces", "yarn1"),
        ["yarn-berry"] = ("yarn.lock", "n04-workspaces", "yarn4"),
        ["pnpm"] = ("pnpm-lock.yaml", "n04-workspaces", "pnpm"),
        ["bun"] = ("bun.lock", "n04-workspaces", "bun"),
    };

    public static TheoryData<string, string> Inputs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string format in Formats.Keys)
            {
                foreach (string kind in new[] { "truncated", "conflict-markers", "invalid-utf8", "duplicate-key", "deep-nesting", "alias-bomb", "100-mb" })
                {
                    if (Applies(format, kind))
                    {
                        data.Add(format, kind);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Hostile_lockfile_is_a_clear_error_in_bounded_time_and_memory(string format, string kind)
    {
        using var folder = new TempDirectory();
        var (name, project, client) = Formats[format];
        BarsData.Lay(project, client, folder.Path);
        string lockfile = folder.File(name);
        int? line = Write(lockfile, File.ReadAllBytes(lockfile), format, kind);

        foreach (string command in new[] { "audit", "deps" })
        {
            string[] args = command == "audit" ? ["audit", lockfile, "--db", database.Path] : ["deps", lockfile];
            var run = VigilProcess.Run(folder.Path, args);
            string measured = $"{format} {kind} {command}: exit {run.ExitCode}, {run.CpuTime.TotalMilliseconds:N0} ms CPU, {run.Elapsed.TotalMilliseconds:N0} ms wall, {run.PeakBytes / (1024.0 * 1024):N1} MiB: {run.Error.Trim()}";
            output.WriteLine(measured);
            if (Environment.GetEnvironmentVariable("VIGIL_BARS_MEASUREMENTS") is { Length: > 0 } measurements)
            {
                // For a person who wants the figures of a passing run: one line per run appended to this file.
                File.AppendAllText(measurements, measured + "\n");
            }

            Assert.True(run.ExitCode == 3, $"{command}: exit {run.ExitCode}: {run.Error}");
            Assert.Empty(run.Output);
            string message = Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
            if (kind == "100-mb")
            {
                // A problem of the whole file has no line: the reader names the file and the limit (LockfileError.Line is 0).
                Assert.Matches($"^vigil: {Regex.Escape(lockfile)}: the file is [0-9,]+ bytes, over the 67,108,864-byte limit", message);
            }
            else
            {
                var match = ErrorLine().Match(message);
                Assert.True(match.Success, $"{command}: not 'vigil: file:line: reason': {message}");
                Assert.Equal(lockfile, match.Groups["file"].Value);
                int reported = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(reported >= 1, message);
                Assert.True(line is not { } expected || expected == reported, $"{command}: expected line {line}: {message}");
            }

            Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
            Assert.True(run.CpuTime < TimeLimit, $"{command} used {run.CpuTime.TotalMilliseconds:N0} ms of processor time");
            Assert.True(run.Elapsed < HangLimit, $"{command} took {run.Elapsed.TotalMilliseconds:N0} ms");
            Assert.True(run.PeakBytes < MemoryLimit, $"{command} peaked at {run.PeakBytes:N0} bytes");
        }
    }

    private static bool Applies(string format, string kind) => kind switch
    {
        // Yarn classic has no flow syntax, so no 10,000-deep value fits in 64 MiB; neither it nor JSON has aliases.
        "deep-nesting" => format != "yarn-classic",
        "alias-bomb" => format is "pnpm" or "yarn-berry",
        // bun.lock is JSON with trailing commas, read as text: bytes that are not UTF-8 are tested for npm, yarn and pnpm.
        "invalid-utf8" => format != "bun",
        _ => true,
    };

    /// <summary>Writes the hostile variant of the fixture; returns the line its error must name, when one line is right.</summary>
    private static int? Write(string path, byte[] fixture, string format, string kind)
    {
        string text = Encoding.UTF8.GetString(fixture);
        string[] lines = text.Split('\n');
        switch (kind)
        {
            case "truncated":
                // Cut in the middle of a line, halfway through the file.
                File.WriteAllBytes(path, fixture[..(fixture.Length / 2)]);
                return null;
            case "conflict-markers":
            {
                int at = lines.Length / 2;
                string[] hostile = [.. lines[..at], "<<<<<<< HEAD", .. lines[at..(at + 2)], "=======", .. lines[at..(at + 2)], ">>>>>>> feature", .. lines[at..]];
                File.WriteAllText(path, string.Join('\n', hostile));
                return at + 1;
            }

            case "invalid-utf8":
            {
                // Inside a value in the second half: after a quote (JSON, yarn) or a mapping's ": " (YAML).
                string mark = format == "pnpm" ? ": " : "\"";
                int at = Array.FindIndex(lines, lines.Length / 2, l => l.Contains(mark, StringComparison.Ordinal));
                int split = lines[at].IndexOf(mark, StringComparison.Ordinal) + mark.Length;
                byte[] before = Encoding.UTF8.GetBytes(string.Join('\n', lines[..at]) + "\n" + lines[at][..split]);
                byte[] after = Encoding.UTF8.GetBytes(lines[at][split..] + "\n" + string.Join('\n', lines[(at + 1)..]));
                File.WriteAllBytes(path, [.. before, 0xC3, 0x28, 0xFF, .. after]);
                return at + 1;
            }

            case "duplicate-key":
                return WriteDuplicate(path, lines, format);
            case "deep-nesting":
                File.WriteAllText(path, format switch
                {
                    "npm" => "{\"lockfileVersion\": 3, \"packages\": " + string.Concat(Enumerable.Repeat("{\"a\": ", Deep)) + "1" + new string('}', Deep + 1),
                    "bun" => "{\"lockfileVersion\": 1, \"packages\": " + new string('[', Deep) + new string(']', Deep) + "}\n",
                    "pnpm" => "lockfileVersion: '9.0'\npackages: " + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep) + "\n",
                    _ => "__metadata:\n  version: 8\nx: " + new string('[', Deep) + new string(']', Deep) + "\n",
                });
                return format is "pnpm" or "yarn-berry" ? 2 + (format == "yarn-berry" ? 1 : 0) : 1;
            case "alias-bomb":
            {
                var bomb = new StringBuilder(format == "pnpm" ? "lockfileVersion: '9.0'\n" : "__metadata:\n  version: 8\n");
                bomb.Append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
                for (char c = 'b'; c <= 'i'; c++)
                {
                    string previous = ((char)(c - 1)).ToString();
                    bomb.Append(c).Append(": &").Append(c).Append(" [").Append(string.Join(',', Enumerable.Repeat("*" + previous, 9))).Append("]\n");
                }

                File.WriteAllText(path, bomb.ToString());
                return null;
            }

            default:
            {
                // 100 MB: the fixture, then its lines again and again (a real file, not a sparse one).
                using var file = File.Create(path);
                while (file.Length < 100L * 1024 * 1024)
                {
                    file.Write(fixture);
                }

                return null;
            }
        }
    }

    /// <summary>Adds a second entry under a key the file already has, right after the first; returns the second key's line.</summary>
    private static int WriteDuplicate(string path, string[] lines, string format)
    {
        int at = format switch
        {
            "npm" => Array.FindIndex(lines, l => l.StartsWith("    \"node_modules/", StringComparison.Ordinal)),
            "bun" => Array.FindIndex(lines, l => l.StartsWith("    \"", StringComparison.Ordinal) && l.Contains("\": [", StringComparison.Ordinal)),
            "pnpm" => Array.FindIndex(lines, Array.IndexOf(lines, "snapshots:"), l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)),
            _ => Array.FindIndex(lines, 4, l => l.Length > 0 && !l.StartsWith(' ') && !l.StartsWith('#') && !l.StartsWith("__metadata", StringComparison.Ordinal)),
        };
        int end = Array.FindIndex(lines, at + 1, l => format switch
        {
            "npm" => l.StartsWith("    }", StringComparison.Ordinal),
            "bun" => true,
            "pnpm" => l.Length == 0,
            _ => l.Length == 0,
        });
        // The entry (its lines up to its end), repeated after itself.
        string[] entry = format is "bun" ? [lines[at]] : lines[at..(end + 1)];
        if (format == "npm" && !entry[^1].EndsWith(','))
        {
            entry[^1] += ",";
        }

        string[] hostile = [.. lines[..(at + entry.Length)], .. entry, .. lines[(at + entry.Length)..]];
        if (format == "npm" && !lines[at + entry.Length - 1].EndsWith(','))
        {
            hostile[at + entry.Length - 1] += ",";
        }

        File.WriteAllText(path, string.Join('\n', hostile));
        return at + entry.Length + 1;
    }

    [GeneratedRegex(@"^vigil: (?<file>.+?):(?<line>\d+)(:\d+)?: (?<reason>.+)$")]
    private static partial Regex ErrorLine();
}
