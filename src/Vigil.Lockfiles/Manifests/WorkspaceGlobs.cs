namespace Vigil.Lockfiles.Manifests;

/// <summary>
/// Workspace patterns (<c>packages/*</c>, <c>apps/**</c>, <c>tools/cli</c>, <c>!packages/old</c>) as npm, yarn
/// and pnpm use them: <c>*</c> matches within one folder name, <c>**</c> any number of folders. No regular expressions.
/// </summary>
internal static class WorkspaceGlobs
{
    private const int MaxDepth = 16;

    /// <summary>Whether <paramref name="path"/> (relative, <c>/</c>-separated) is matched by the patterns (negations applied last).</summary>
    public static bool Matches(IReadOnlyList<string> patterns, string path)
    {
        var segments = Split(path);
        var matched = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            var body = Split(negated ? pattern[1..] : pattern);
            if (MatchSegments(body, 0, segments, 0, 0))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    /// <summary>The folders under <paramref name="root"/> that the patterns match and that hold a <c>package.json</c>, relative and sorted.</summary>
    public static List<string> Expand(string root, IReadOnlyList<string> patterns)
    {
        var found = new List<string>();
        var stack = new Stack<(string Relative, int Depth)>();
        stack.Push((string.Empty, 0));
        while (stack.TryPop(out var current))
        {
            if (current.Relative.Length > 0 && Matches(patterns, current.Relative) && File.Exists(Path.Combine(root, current.Relative, "package.json")))
            {
                found.Add(current.Relative);
            }

            if (current.Depth >= MaxDepth)
            {
                continue;
            }

            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(Path.Combine(root, current.Relative));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children)
            {
                var name = Path.GetFileName(child);
                if (name is "node_modules" || name.StartsWith('.'))
                {
                    continue;
                }

                stack.Push((current.Relative.Length == 0 ? name : current.Relative + "/" + name, current.Depth + 1));
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static string[] Split(string path) =>
        path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();

    private static bool MatchSegments(string[] pattern, int p, string[] path, int s, int depth)
    {
        if (depth > MaxDepth * 2)
        {
            return false;
        }

        if (p == pattern.Length)
        {
            return s == path.Length;
        }

        if (pattern[p] == "**")
        {
            for (var skip = s; skip <= path.Length; skip++)
            {
                if (MatchSegments(pattern, p + 1, path, skip, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        return s < path.Length && MatchName(pattern[p], path[s]) && MatchSegments(pattern, p + 1, path, s + 1, depth + 1);
    }

    /// <summary>Matches one folder name against a segment with <c>*</c> wildcards (greedy with backtracking to the last star: linear).</summary>
    private static bool MatchName(string pattern, string name)
    {
        int p = 0, n = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == name[n] || pattern[p] == '?'))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
