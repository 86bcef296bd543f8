using Vigil.Lockfiles.Bun;
using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.Pnpm;
using Vigil.Lockfiles.Yarn;

namespace Vigil.Lockfiles;

/// <summary>The readers, listed here explicitly (no reflection), and how a project folder's lockfile is chosen.</summary>
public static class LockfileReaders
{
    /// <summary>npm's <c>package-lock.json</c> and <c>npm-shrinkwrap.json</c>.</summary>
    public static NpmLockfileReader Npm { get; } = new();

    /// <summary>pnpm's <c>pnpm-lock.yaml</c>.</summary>
    public static PnpmLockfileReader Pnpm { get; } = new();

    /// <summary>yarn's <c>yarn.lock</c>, classic (v1) and berry (v2 and later).</summary>
    public static YarnLockfileReader Yarn { get; } = new();

    /// <summary>Bun's text <c>bun.lock</c>.</summary>
    public static BunLockfileReader Bun { get; } = new();

    /// <summary>Every reader.</summary>
    public static IReadOnlyList<ILockfileReader> All { get; } = [Npm, Pnpm, Yarn, Bun];
}
