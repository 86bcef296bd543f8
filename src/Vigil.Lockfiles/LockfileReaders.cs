using Vigil.Lockfiles.Bun;
using Vigil.Lockfiles.Manifests;
using Vigil.Lockfiles.NodeModules;
using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.Pnpm;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Yarn;

namespace Vigil.Lockfiles;

/// <summary>
/// The readers, listed here explicitly (no reflection), and which lockfile of a project folder is read.
/// </summary>
/// <remarks>
/// <para>In a folder, the lockfile is the one the package manager itself would use:</para>
/// <list type="number">
/// <item>When <c>package.json</c> names a manager in <c>packageManager</c> (<c>pnpm@9.1.0</c>, as corepack reads it),
/// that manager's lockfile; for npm, <c>npm-shrinkwrap.json</c> before <c>package-lock.json</c>, as npm does.</item>
/// <item>Otherwise the first present of <c>npm-shrinkwrap.json</c>, <c>package-lock.json</c>, <c>pnpm-lock.yaml</c>,
/// <c>yarn.lock</c>, <c>bun.lock</c>. When lockfiles of several managers are present, the result carries a warning
/// naming the ones not read (a project that switched managers often keeps the old file).</item>
/// <item>With no lockfile, an installed <c>node_modules</c> folder is read instead, with a warning.</item>
/// </list>
/// <para>Bun's binary <c>bun.lockb</c> is not read: it is reported as an error that says how to get a text <c>bun.lock</c>.</para>
/// </remarks>
public static class LockfileReaders
{
    private static readonly (string File, string Manager)[] Precedence =
    [
        ("npm-shrinkwrap.json", "npm"),
        ("package-lock.json", "npm"),
        ("pnpm-lock.yaml", "pnpm"),
        ("yarn.lock", "yarn"),
        ("bun.lock", "bun"),
    ];

    /// <summary>npm's <c>package-lock.json</c> and <c>npm-shrinkwrap.json</c>.</summary>
    public static NpmLockfileReader Npm { get; } = new();

    /// <summary>pnpm's <c>pnpm-lock.yaml</c>.</summary>
    public static PnpmLockfileReader Pnpm { get; } = new();

    /// <summary>yarn's <c>yarn.lock</c>, classic (v1) and berry (v2 and later).</summary>
    public static YarnLockfileReader Yarn { get; } = new();

    /// <summary>Bun's text <c>bun.lock</c>.</summary>
    public static BunLockfileReader Bun { get; } = new();

    /// <summary>An installed <c>node_modules</c> tree.</summary>
    public static NodeModulesReader NodeModules { get; } = new();

    /// <summary>Every reader.</summary>
    public static IReadOnlyList<ILockfileReader> All { get; } = [Npm, Pnpm, Yarn, Bun, NodeModules];

    /// <summary>The reader for a file or folder name (<c>package-lock.json</c>, <c>node_modules</c>), or null.</summary>
    public static ILockfileReader? ForFileName(string fileName) =>
        All.FirstOrDefault(r => r.FileNames.Contains(Path.GetFileName(Path.TrimEndingDirectorySeparator(fileName)), StringComparer.Ordinal));

    /// <summary>
    /// Reads a lockfile, a <c>node_modules</c> folder, or a project folder (choosing its lockfile as the remarks
    /// say). Errors name the file and line; a missing or unknown input is a <see cref="LockfileErrorKind.NotFound"/> error.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static LockfileReadResult Read(string path) => Read(path, namesKnown: null);

    /// <summary>
    /// Reads as <see cref="Read(string)"/>, telling <paramref name="namesKnown"/> the package names early where the
    /// reader can (<see cref="ILockfileReader.Read(string, Action{IReadOnlySet{string}})"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static LockfileReadResult Read(string path, Action<IReadOnlySet<string>>? namesKnown)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path) || Path.GetFileName(Path.TrimEndingDirectorySeparator(path)) == "node_modules")
        {
            var reader = ForFileName(path);
            return reader is not null
                ? reader.Read(path, namesKnown)
                : LockfileReadResult.Failure(Errors.NotFound(path, Path.GetFileName(path) == "bun.lockb" ? BunBinary : "not a lockfile this tool reads (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, bun.lock, node_modules)"));
        }

        if (!Directory.Exists(path))
        {
            return LockfileReadResult.Failure(Errors.NotFound(path, "no such file or folder"));
        }

        var (chosen, ignored, error) = Choose(path);
        if (error is not null)
        {
            return LockfileReadResult.Failure(error);
        }

        var result = ForFileName(chosen!)!.Read(chosen!, namesKnown);
        if (!result.Succeeded || ignored.Count == 0)
        {
            return result;
        }

        var lockfile = result.Lockfile;
        return LockfileReadResult.Success(new Lockfile
        {
            Path = lockfile.Path,
            Format = lockfile.Format,
            FormatVersion = lockfile.FormatVersion,
            Packages = lockfile.Packages,
            NotAudited = lockfile.NotAudited,
            Workspaces = lockfile.Workspaces,
            Warnings = lockfile.Warnings.AddRange(ignored),
        });
    }

    private const string BunBinary = "bun.lockb is Bun's binary lockfile, which is not read: run 'bun install --save-text-lockfile' to write bun.lock";

    private static (string? Chosen, List<string> Warnings, LockfileError? Error) Choose(string folder)
    {
        var present = Precedence.Where(p => File.Exists(Path.Combine(folder, p.File))).ToList();
        var warnings = new List<string>();
        if (present.Count == 0)
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules")))
            {
                warnings.Add("no lockfile in the folder: read the installed node_modules instead");
                return (Path.Combine(folder, "node_modules"), warnings, null);
            }

            var what = File.Exists(Path.Combine(folder, "bun.lockb")) ? BunBinary : "no lockfile here (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, bun.lock) and no node_modules";
            return (null, warnings, Errors.NotFound(folder, what));
        }

        var manager = PackageManagerOf(folder);
        var chosen = present.FirstOrDefault(p => p.Manager == manager);
        if (chosen.File is null)
        {
            chosen = present[0];
        }

        foreach (var other in present.Where(p => p.Manager != chosen.Manager))
        {
            warnings.Add($"{other.File} is also present; read {chosen.File} ({(chosen.Manager == manager ? "packageManager in package.json" : "no packageManager in package.json: the first of npm, pnpm, yarn, bun")})");
        }

        return (Path.Combine(folder, chosen.File), warnings, null);
    }

    /// <summary>The manager named by <c>packageManager</c> (<c>pnpm@9.1.0+sha…</c> is <c>pnpm</c>); empty when none or unreadable.</summary>
    private static string PackageManagerOf(string folder)
    {
        try
        {
            var field = PackageManifest.TryRead(folder, "package.json")?.PackageManager ?? string.Empty;
            var at = field.IndexOf('@', StringComparison.Ordinal);
            return at > 0 ? field[..at] : field;
        }
        catch (LockfileParseException)
        {
            return string.Empty;
        }
    }
}
