namespace Vigil.Lockfiles.NodeModules;

/// <summary>
/// Every package folder under a <c>node_modules</c> folder: <c>name</c>, <c>@scope/name</c>, and the same in their
/// nested <c>node_modules</c>. Dot folders (<c>.bin</c>, <c>.cache</c>, pnpm's <c>.pnpm</c>) and symbolic links
/// are not walked into (linked packages are reached through the dependencies that name them).
/// </summary>
internal static class InstalledFolders
{
    public static IEnumerable<string> Under(string nodeModules)
    {
        var pending = new Stack<string>();
        pending.Push(nodeModules);
        var seen = 0;
        while (pending.TryPop(out var folder))
        {
            foreach (var child in Children(folder))
            {
                var name = Path.GetFileName(child);
                if (name.StartsWith('.'))
                {
                    continue;
                }

                if (name.StartsWith('@'))
                {
                    foreach (var scoped in Children(child))
                    {
                        if (++seen > LockfileLimits.MaxInstalledPackages)
                        {
                            yield break;
                        }

                        yield return scoped;
                        Push(pending, scoped);
                    }

                    continue;
                }

                if (++seen > LockfileLimits.MaxInstalledPackages)
                {
                    yield break;
                }

                yield return child;
                Push(pending, child);
            }
        }
    }

    private static void Push(Stack<string> pending, string package)
    {
        var nested = Path.Combine(package, "node_modules");
        if (new DirectoryInfo(package).LinkTarget is null && Directory.Exists(nested))
        {
            pending.Push(nested);
        }
    }

    private static IEnumerable<string> Children(string folder)
    {
        try
        {
            return [.. Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
