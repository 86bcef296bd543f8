namespace Vigil.Lockfiles;

/// <summary>The kinds of input the readers understand.</summary>
public enum LockfileFormat
{
    /// <summary>npm's <c>package-lock.json</c> (lockfile versions 1, 2 and 3).</summary>
    NpmPackageLock,

    /// <summary>npm's <c>npm-shrinkwrap.json</c>: the same format as <c>package-lock.json</c>, published with a package.</summary>
    NpmShrinkwrap,

    /// <summary>Yarn 1's <c>yarn.lock</c> (its own text format, "yarn lockfile v1").</summary>
    YarnClassic,

    /// <summary>Yarn 2+'s <c>yarn.lock</c> (YAML with <c>__metadata</c>).</summary>
    YarnBerry,

    /// <summary>pnpm's <c>pnpm-lock.yaml</c> (lockfile versions 5.x, 6 and 9).</summary>
    Pnpm,

    /// <summary>Bun's text <c>bun.lock</c> (JSON with trailing commas).</summary>
    Bun,

    /// <summary>An installed <c>node_modules</c> tree, read from each package's <c>package.json</c>.</summary>
    NodeModules,
}
