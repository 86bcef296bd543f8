using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Lockfiles;
using Vigil.Signing.Integrity;

namespace Vigil.Cli.Commands.Policy;

/// <summary>One item of <c>vigil policy check</c>: passed or missing, what was found, and the one-line fix.</summary>
sealed record PolicyItem(string Item, bool Passed, string Detail, string? Fix);

/// <summary>
/// What <c>vigil policy check</c> looks at, offline, in the package's folder only:
/// a security policy (SECURITY.md in the folder, <c>.github/</c> or <c>docs/</c>, naming a way to report: a URL or
/// an e-mail address); a usable <c>repository</c> field; a lockfile whose every registry entry has an integrity whose
/// strongest hash is sha512; and releases published with npm provenance, as far as the folder shows it
/// (<c>publishConfig.provenance: true</c>, <c>provenance=true</c> in the project's <c>.npmrc</c>, or a GitHub workflow
/// that runs <c>npm publish --provenance</c> or sets <c>NPM_CONFIG_PROVENANCE</c>). Registered author-signature keys
/// are not looked up: that needs a platform's keyring, which <c>vigil verify --keyring</c> checks.
/// </summary>
static partial class PolicyItems
{
    /// <summary>Where GitHub looks for a security policy, in its order.</summary>
    public static readonly string[] PolicyPlaces = ["SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md"];

    private const int MaxTextBytes = 1024 * 1024;

    /// <summary>Every item, in order.</summary>
    public static IReadOnlyList<PolicyItem> Run(string folder, PackageManifest manifest) =>
    [
        SecurityPolicy(folder),
        Repository(manifest),
        Lockfile(folder),
        Provenance(folder, manifest),
    ];

    private static PolicyItem SecurityPolicy(string folder)
    {
        const string Item = "security-policy";
        foreach (string place in PolicyPlaces)
        {
            string path = Path.Combine(folder, place.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path))
            {
                continue;
            }

            string? text = ReadText(path);
            if (text is null)
            {
                return new(Item, false, $"{place} cannot be read, or is not UTF-8 text under 1 MiB", "rewrite it: vigil init security-policy --force");
            }

            Match contact;
            try
            {
                contact = Contact().Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                contact = Match.Empty;
            }

            if (contact.Success)
            {
                return new(Item, true, $"{place} says where to report ({Shorten(contact.Value)})", null);
            }

            return new(Item, false, $"{place} names no way to report (no URL or e-mail address)", "say where to report, or replace it: vigil init security-policy --force");
        }

        return new(Item, false, "no SECURITY.md (looked in ., .github/, docs/)", "vigil init security-policy");
    }

    private static PolicyItem Repository(PackageManifest manifest)
    {
        const string Item = "repository";
        const string Fix = "set \"repository\": {\"type\": \"git\", \"url\": \"git+https://github.com/OWNER/REPO.git\"} in package.json";
        if (manifest.Repository is not { } repository)
        {
            return new(Item, false, "package.json has no \"repository\"", Fix);
        }

        string? url = repository.ValueKind switch
        {
            JsonValueKind.String => repository.GetString(),
            JsonValueKind.Object when repository.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String => u.GetString(),
            _ => null,
        };
        if (url is null || !IsRepository(url.Trim()))
        {
            return new(Item, false, "package.json's \"repository\" is not a repository URL or shorthand (host:owner/name)", Fix);
        }

        return new(Item, true, $"package.json names {Shorten(url.Trim())}", null);
    }

    private static PolicyItem Lockfile(string folder)
    {
        const string Item = "lockfile-integrity";
        var result = LockfileReaders.Read(folder);
        if (!result.Succeeded)
        {
            if (result.Error.Kind == LockfileErrorKind.NotFound)
            {
                return new(Item, false, "no lockfile", "run npm install (or your package manager's install) and commit the lockfile");
            }

            throw new CliException(ExitCodes.UnreadableInput, Vigil.Audit.Reporting.TerminalText.Clean(result.Error.ToString()));
        }

        var lockfile = result.Lockfile;
        string name = Path.GetFileName(lockfile.Path);
        if (lockfile.Format == LockfileFormat.NodeModules)
        {
            return new(Item, false, "no lockfile, only node_modules", "commit the lockfile your package manager writes (package-lock.json, pnpm-lock.yaml, yarn.lock, bun.lock)");
        }

        var weak = new List<string>();
        int registry = 0;
        foreach (var package in lockfile.Packages.Where(p => p.Source.Kind == PackageSourceKind.Registry))
        {
            registry++;
            if (!IntegrityValue.TryParse(package.Integrity, out var integrity, out _) || integrity!.Strongest.Algorithm != IntegrityAlgorithm.Sha512)
            {
                weak.Add(package.ToString());
            }
        }

        if (weak.Count > 0)
        {
            string some = string.Join(", ", weak.Take(3)) + (weak.Count > 3 ? $" and {weak.Count - 3} more" : "");
            return new(Item, false, $"{name}: {weak.Count} of {registry} registry entries lack a sha512 integrity ({some})",
                "delete the lockfile and node_modules, install again with a current npm, and commit the new lockfile");
        }

        return new(Item, true, $"{name}: all {registry} registry entries have a sha512 integrity", null);
    }

    private static PolicyItem Provenance(string folder, PackageManifest manifest)
    {
        const string Item = "signed-releases";
        const string Fix = "publish from CI with npm publish --provenance, or set \"publishConfig\": {\"provenance\": true} in package.json";
        if (manifest.Provenance)
        {
            return new(Item, true, "package.json sets publishConfig.provenance", null);
        }

        string npmrc = Path.Combine(folder, ".npmrc");
        if (File.Exists(npmrc)
            && Vigil.Domain.Npm.Npmrc.Read(npmrc, Environment.GetEnvironmentVariable).Values.TryGetValue("provenance", out string? value) && value == "true")
        {
            return new(Item, true, ".npmrc sets provenance=true", null);
        }

        string workflows = Path.Combine(folder, ".github", "workflows");
        if (Directory.Exists(workflows))
        {
            foreach (string file in Directory.EnumerateFiles(workflows).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(200))
            {
                if (ReadText(file) is { } text && PublishesWithProvenance(text))
                {
                    return new(Item, true, $".github/workflows/{Path.GetFileName(file)} publishes with provenance", null);
                }
            }
        }

        return new(Item, false, "no sign of npm provenance (publishConfig, .npmrc or a publish workflow)", Fix);
    }

    /// <summary>Whether a workflow runs <c>npm publish</c> with <c>--provenance</c>, or sets <c>NPM_CONFIG_PROVENANCE: true</c> and publishes.</summary>
    public static bool PublishesWithProvenance(string workflow)
    {
        bool publishes = false;
        bool flagged = false;
        foreach (string raw in workflow.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (NpmPublish().IsMatch(line))
            {
                publishes = true;
                if (line.Contains("--provenance", StringComparison.Ordinal) && !line.Contains("--provenance=false", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            flagged |= ProvenanceVariable().IsMatch(line);
        }

        return publishes && flagged;
    }

    private static bool IsRepository(string url)
    {
        if (Shorthand().IsMatch(url))
        {
            return true;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http" or "git" or "git+https" or "git+ssh" or "ssh" or "git+http"
            && uri.Host.Length > 0 && uri.AbsolutePath.Trim('/').Length > 0;
    }

    private static string? ReadText(string path)
    {
        try
        {
            if (new FileInfo(path).Length > MaxTextBytes)
            {
                return null;
            }

            return new System.Text.UTF8Encoding(false, true).GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => Vigil.Audit.Reporting.TerminalText.Fit(text, 80);

    [GeneratedRegex(@"https?://[^\s<>()\[\]`""']+|mailto:[^\s<>()]+|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Contact();

    [GeneratedRegex(@"^((github|gitlab|bitbucket|gist):)?[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$|^gist:[A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"(^|[\s;&|])npm\s+publish\b", RegexOptions.CultureInvariant)]
    private static partial Regex NpmPublish();

    [GeneratedRegex(@"^\s*-?\s*NPM_CONFIG_PROVENANCE\s*[:=]\s*['""]?true['""]?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ProvenanceVariable();
}
