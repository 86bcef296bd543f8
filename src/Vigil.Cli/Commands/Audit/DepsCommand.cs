using System.CommandLine;
using Vigil.Audit.Reporting;
using Vigil.Lockfiles;

namespace Vigil.Cli.Commands.Audit;

/// <summary><c>vigil deps [path] [--json]</c>: what the lockfile resolves.</summary>
static class DepsCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A lockfile, a node_modules folder, or a project folder (default: the current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"packages\": [{\"name\", \"version\", \"dev\", \"optional\", \"paths\"}], \"notAudited\": [...]}" };
        var command = new Command("deps", """
            List the packages a lockfile resolves: npm (package-lock.json v1-v3, npm-shrinkwrap.json), yarn (classic and
            berry), pnpm (5.x, 6, 9), bun (bun.lock), or an installed node_modules tree. In a folder, the lockfile is
            the one the package manager would use.
            Exit codes: 0, 2 usage, 3 unreadable or invalid lockfile, 6 no lockfile in the folder.
            """)
        {
            path,
            json,
        };
        command.SetAction(parse => Run(parse, parse.GetRequiredValue(path), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, string path, bool json)
    {
        var lockfile = LockfileInput.Read(path);
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            WriteJson(output, lockfile);
        }
        else
        {
            output.WriteLine($"{TerminalText.Clean(lockfile.Path)} ({LockfileNames.Describe(lockfile)}): {lockfile.Packages.Length} packages");
            foreach (var p in lockfile.Packages)
            {
                string alias = p.AliasNames.Length > 0 ? $" (as {string.Join(", ", p.AliasNames)})" : string.Empty;
                string via = p.Paths.Length > 0 ? "  via " + p.Paths[0] : string.Empty;
                output.WriteLine("  " + TerminalText.Fit($"{p.Name} {p.Version}{alias}  {p.Type.ToText()}{via}", 78));
            }

            foreach (var n in lockfile.NotAudited)
            {
                output.WriteLine("  " + TerminalText.Fit($"not audited: {n.Package.Name} ({n.Package.Source.Kind.ToString().ToLowerInvariant()}): {n.Reason}", 78));
            }
        }

        foreach (string warning in lockfile.Warnings)
        {
            parse.InvocationConfiguration.Error.WriteLine("vigil: warning: " + TerminalText.Clean(warning));
        }

        return ExitCodes.Success;
    }

    private static void WriteJson(TextWriter output, Lockfile lockfile) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("lockfile", lockfile.Path);
        w.WriteString("format", lockfile.Format.ToString().ToLowerInvariant());
        w.WriteString("formatVersion", lockfile.FormatVersion);
        w.WriteStartArray("packages");
        foreach (var p in lockfile.Packages)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WriteString("version", p.Version);
            w.WriteString("type", p.Type.ToText());
            w.WriteBoolean("dev", p.Type.HasFlag(DependencyType.Dev));
            w.WriteBoolean("optional", p.Type.HasFlag(DependencyType.Optional));
            w.WriteBoolean("peer", p.Type.HasFlag(DependencyType.Peer));
            Strings(w, "aliasNames", p.AliasNames);
            Strings(w, "paths", p.Paths.Select(x => x.ToString()));
            Strings(w, "workspaces", p.Workspaces);
            w.WriteString("resolved", p.Resolved);
            w.WriteString("integrity", p.Integrity);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("notAudited");
        foreach (var n in lockfile.NotAudited)
        {
            w.WriteStartObject();
            w.WriteString("name", n.Package.Name);
            w.WriteString("version", n.Package.Version);
            w.WriteString("source", n.Package.Source.Kind.ToString().ToLowerInvariant());
            w.WriteString("location", n.Package.Source.Location);
            w.WriteString("reason", n.Reason);
            Strings(w, "paths", n.Package.Paths.Select(x => x.ToString()));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Strings(w, "workspaces", lockfile.Workspaces.Select(x => x.Path));
        Strings(w, "warnings", lockfile.Warnings);
        w.WriteEndObject();
    });

    private static void Strings(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
