using Vigil.Lockfiles;

namespace Vigil.Audit.Reporting;

/// <summary>How reports name a lockfile's format: <c>package-lock.json v3</c>, <c>pnpm-lock.yaml 9.0</c>.</summary>
public static class LockfileNames
{
    /// <summary>The format and its version, as users know them.</summary>
    public static string Describe(Lockfile lockfile)
    {
        ArgumentNullException.ThrowIfNull(lockfile);
        string version = lockfile.FormatVersion;
        return lockfile.Format switch
        {
            LockfileFormat.NpmPackageLock => $"package-lock.json v{version}",
            LockfileFormat.NpmShrinkwrap => $"npm-shrinkwrap.json v{version}",
            LockfileFormat.YarnClassic => "yarn.lock v1",
            LockfileFormat.YarnBerry => $"yarn.lock (berry, format {version})",
            LockfileFormat.Pnpm => $"pnpm-lock.yaml {version}",
            LockfileFormat.Bun => $"bun.lock {version}",
            LockfileFormat.NodeModules => "node_modules",
            _ => lockfile.Format.ToString(),
        };
    }
}
