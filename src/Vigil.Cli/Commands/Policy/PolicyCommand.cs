using System.CommandLine;
using System.Text.Json;
using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Policy;

/// <summary><c>vigil policy check [path] [--format table|json]</c>: what a package lacks for a safe disclosure and release.</summary>
static class PolicyCommand
{
    public static Command Create() => new("policy", "'policy check': what an npm package lacks (a security policy, a repository field, sha512 lockfile integrity, signed releases), each with a fix.")
    {
        Check(),
    };

    private static Command Check()
    {
        var path = new Argument<string>("path") { Description = "The package's folder, with its package.json (default: the current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("check", """
            Tell a maintainer what their package lacks, offline, from its folder only. Four items, each pass or missing
            with a one-line fix: security-policy (SECURITY.md in the folder, .github/ or docs/, naming a URL or an
            e-mail address to report to), repository (package.json's "repository" is a URL or host:owner/name),
            lockfile-integrity (a lockfile whose every registry entry has a sha512 integrity), signed-releases (npm
            provenance: publishConfig.provenance, provenance=true in the project's .npmrc, or a GitHub workflow running
            npm publish --provenance; keys registered for author signatures are not looked up: vigil verify --keyring).
            JSON (--format json): {"package", "folder", "passed", "items": [{"item", "status", "detail", "fix"}]},
            status pass or missing.
            Exit codes: 0 every item passes, 1 something is missing, 2 usage, 3 no or malformed package.json, or an
            unreadable lockfile.
            """)
        {
            path, format,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(path), parse.GetRequiredValue(format), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string folder, string format, TextWriter output)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(folder)}: no such folder");
        }

        var manifest = PackageManifest.Read(folder);
        var items = PolicyItems.Run(folder, manifest);
        bool passed = items.All(i => i.Passed);
        if (format == "json")
        {
            WriteJson(output, manifest.Name, folder, passed, items);
        }
        else
        {
            output.WriteLine($"{manifest.Name ?? "(no name)"} in {TerminalText.Clean(folder)}: {(passed ? "nothing missing" : $"{items.Count(i => !i.Passed)} of {items.Count} missing")}");
            foreach (var item in items)
            {
                output.WriteLine($"  {(item.Passed ? "pass   " : "missing")}  {item.Item,-18}  {TerminalText.Clean(item.Detail)}");
                if (item.Fix is not null)
                {
                    output.WriteLine($"  {"",7}  {"",-18}  fix: {item.Fix}");
                }
            }
        }

        return passed ? ExitCodes.Success : ExitCodes.Findings;
    }

    private static void WriteJson(TextWriter output, string? name, string folder, bool passed, IReadOnlyList<PolicyItem> items)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("package", name);
            json.WriteString("folder", Path.GetFullPath(folder));
            json.WriteBoolean("passed", passed);
            json.WriteStartArray("items");
            foreach (var item in items)
            {
                json.WriteStartObject();
                json.WriteString("item", item.Item);
                json.WriteString("status", item.Passed ? "pass" : "missing");
                json.WriteString("detail", item.Detail);
                json.WriteString("fix", item.Fix);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
