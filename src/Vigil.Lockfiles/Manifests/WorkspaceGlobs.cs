namespace Vigil.Lockfiles.Manifests;

/// <summary>
/// Workspace patterns (<c>packages/*</c>, <c>apps/**</c>, <c>tools/cli</c>, <c>!packages/old</c>) as npm, yarn
/// and pnpm use them: <c>*</c> matches within one folder name, <c>**</c> any number of folders. No regular expressions.
/// </summary>
internal static class WorkspaceGlobs
{
    private const int MaxDepth = 16;
    private const int MaxSegments = 64;

    /// <summary>Whether <paramref name="path"/> (relative, <c>/</c>-separated) is matched by the patterns (negations applied last).</summary>
    public static bool Matches(IReadOnlyList<string> patterns, string path)
    {
        var segments = Split(path);
        var matched = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            var body = Split(negated ? pattern[1..] : pattern);
            if (MatchSegments(body, segments))
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

    /// <summary>Segment matching with <c>**</c>, memoised on (pattern index, path index) so that it stays linear in their product.</summary>
    private static bool MatchSegments(string[] pattern, string[] path)
    {
        if (pattern.Length > MaxSegments || path.Length > MaxSegments)
        {
            return false;
        }

        // failed[p, s]: pattern[p..] is known not to match path[s..].
        var failed = new bool[pattern.Length + 1, path.Length + 1];
        return Match(0, 0);

        bool Match(int p, int s)
        {
            if (failed[p, s])
            {
                return false;
            }

            bool result;
            if (p == pattern.Length)
            {
                result = s == path.Length;
            }
            else if (pattern[p] == "**")
            {
                result = false;
                for (var skip = s; skip <= path.Length && !result; skip++)
                {
                    result = Match(p + 1, skip);
                }
            }
            else
            {
                result = s < path.Length && MatchName(pattern[p], path[s]) && Match(p + 1, s + 1);
            }

            failed[p, s] = !result;
            return result;
        }
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
