namespace Vigil.Lockfiles.Npm;

/// <summary>
/// The folders of an npm install layout (<c>node_modules/a/node_modules/b</c>, <c>packages/a</c>) as numbered nodes
/// with their parent folder, so that finding a dependency the way Node.js does (the nearest <c>node_modules</c> up the
/// tree) costs one lookup per folder level, without building strings per lookup.
/// </summary>
internal sealed class InstallFolders
{
    private const string NodeModules = "node_modules/";

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { [string.Empty] = 0 };
    private readonly List<int> _parents = [-1];
    private readonly Dictionary<(int Folder, string Name), string> _installed = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Records the package (or link) installed at <paramref name="location"/>, if it is in a <c>node_modules</c> folder.</summary>
    public void Add(string location)
    {
        var at = location.LastIndexOf(NodeModules, StringComparison.Ordinal);
        if (at < 0 || (at > 0 && location[at - 1] != '/'))
        {
            return;
        }

        var name = location[(at + NodeModules.Length)..];
        _installed[(IdOf(at == 0 ? string.Empty : location[..(at - 1)]), name)] = location;
        _names.Add(name);
    }

    /// <summary>The location <paramref name="name"/> resolves to from the folder <paramref name="from"/>, or null.</summary>
    public string? Resolve(string from, string name)
    {
        if (!_names.Contains(name))
        {
            return null;
        }

        for (var id = IdOf(from); id >= 0; id = _parents[id])
        {
            if (_installed.TryGetValue((id, name), out var location))
            {
                return location;
            }
        }

        return null;
    }

    /// <summary>The folder's number, numbering it and the folders above it the first time.</summary>
    private int IdOf(string folder)
    {
        if (_ids.TryGetValue(folder, out var id))
        {
            return id;
        }

        var missing = new Stack<string>();
        var current = folder;
        while (!_ids.ContainsKey(current))
        {
            missing.Push(current);
            var slash = current.LastIndexOf('/');
            current = slash < 0 ? string.Empty : current[..slash];
        }

        var parent = _ids[current];
        while (missing.TryPop(out var next))
        {
            _ids[next] = id = _parents.Count;
            _parents.Add(parent);
            parent = id;
        }

        return _ids[folder];
    }
}
