using System.CommandLine;
using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Policy;

/// <summary><c>vigil init security-policy [path] [--platform URL] [--force] [--offline]</c>: writes a package's SECURITY.md.</summary>
static class InitCommand
{
    /// <summary>The file written.</summary>
    public const string FileName = "SECURITY.md";

    public static Command Create() => new("init", "Add files an npm package needs: 'init security-policy' writes a SECURITY.md that sends reporters to the disclosure platform, with its deadlines.")
    {
        SecurityPolicy(),
    };

    private static Command SecurityPolicy()
    {
        var path = new Argument<string>("path") { Description = "The package's folder, with its package.json (default: the current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var platform = new Option<string?>("--platform") { Description = $"The disclosure platform's address (default: ${PlatformAddress.EnvironmentVariable}, else {PlatformAddress.NpmKey}= in npmrc)", HelpName = "url" };
        var force = new Option<bool>("--force") { Description = "Replace an existing SECURITY.md" };
        var offline = new Option<bool>("--offline") { Description = "Do not ask the platform: state the Working Group's default deadlines" };
        var command = new Command("security-policy", $"""
            Write SECURITY.md for an npm package: report vulnerabilities privately on the disclosure platform, and the
            deadlines that apply. The platform's address comes from --platform, else ${PlatformAddress.EnvironmentVariable}, else the npm
            setting {PlatformAddress.NpmKey} (npm_config_vigil_platform, the project's, your and the global npmrc); https, or http
            on this machine. The deadlines come from the platform ({DisclosureTerms.DocumentPath}), or with --offline
            are the Working Group's defaults. An existing SECURITY.md is kept unless --force; the file is written whole
            or not at all.
            Exit codes: 0 written, 2 usage (no or bad platform address), 3 no or malformed package.json, SECURITY.md
            exists, the platform cannot be read, or the file cannot be written.
            """)
        {
            path, platform, force, offline,
        };
        command.SetAction(parse => Task.Run(() => RunAsync(
            parse.GetRequiredValue(path), parse.GetValue(platform), parse.GetValue(force), parse.GetValue(offline),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(string folder, string? platformOption, bool force, bool offline, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(folder)}: no such folder");
        }

        var manifest = PackageManifest.Read(folder);
        if (manifest.Name is null)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(manifest.Path)}: no \"name\": a security policy is written for a named npm package");
        }

        string target = Path.Combine(folder, FileName);
        if (!force && (File.Exists(target) || Directory.Exists(target)))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(target)} exists; --force replaces it");
        }

        var (platform, source) = PlatformAddress.Resolve(platformOption, folder, error);
        var terms = offline ? DisclosureTerms.Defaults(platform) : await DisclosureTerms.FetchAsync(platform, CancellationToken.None);
        AtomicFile.Write(target, SecurityPolicyText.Write(manifest.Name, terms), force);

        output.WriteLine($"wrote {TerminalText.Clean(target)} for {manifest.Name}");
        output.WriteLine($"  report at:   {TerminalText.Clean(terms.ReportUrl)} (platform from {source})");
        output.WriteLine(terms.FromPlatform
            ? $"  deadlines:   {terms.FirstResponseBusinessDays} business days to a first answer, publication {terms.PublicationDays} days after acceptance (from the platform)"
            : $"  deadlines:   {terms.FirstResponseBusinessDays} business days to a first answer, publication {terms.PublicationDays} days after acceptance (the Working Group's defaults: --offline, the platform was not asked)");
        foreach (string other in new[] { Path.Combine(folder, ".github", FileName), Path.Combine(folder, "docs", FileName) })
        {
            if (File.Exists(other))
            {
                error.WriteLine($"vigil: warning: {TerminalText.Clean(other)} exists too; GitHub shows only one of them");
            }
        }

        return ExitCodes.Success;
    }
}
