namespace Vigil.Lockfiles.Npm;

/// <summary>
/// The folders of an npm install layout (<c>node_modules/a/node_modules/b</c>, <c>packages/a</c>) as numbered nodes
/// with their parent folder, and the package names as numbers, so that finding a dependency the way Node.js does (the
/// nearest <c>node_modules</c> up the tree) costs one lookup by number per folder level, without building strings.
/// </summary>
internal sealed class InstallFolders
{
    private const string NodeModules = "node_modules/";

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _idLookup;
    private readonly List<int> _parents;
    private readonly Dictionary<string, int> _names;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly Dictionary<long, int> _installed;

    /// <summary>Folders for about <paramref name="packages"/> packages.</summary>
    public InstallFolders(int packages)
    {
        _ids = new(2 * packages, StringComparer.Ordinal) { [string.Empty] = 0 };
        _idLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _parents = new(2 * packages) { -1 };
        _names = new(packages, StringComparer.Ordinal);
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _installed = new(packages);
    }

    /// <summary>
    /// Records that the package (or link) numbered <paramref name="package"/> is installed at
    /// <paramref name="location"/>, if that is in a <c>node_modules</c> folder.
    /// </summary>
    public void Add(string location, int package)
    {
        var at = location.LastIndexOf(NodeModules, StringComparison.Ordinal);
        if (at < 0 || (at > 0 && location[at - 1] != '/'))
        {
            return;
        }

        var name = location.AsSpan(at + NodeModules.Length);
        if (!_nameLookup.TryGetValue(name, out var number))
        {
            number = _names.Count;
            _nameLookup[name] = number;
        }

        _installed[Key(IdOf(at == 0 ? string.Empty : location.AsSpan(0, at - 1), null), number)] = package;
    }

    /// <summary>The folder's number, numbering it and the folders above it the first time.</summary>
    public int FolderOf(string location) => IdOf(location, location);

    /// <summary>The number of the package <paramref name="name"/> resolves to from the folder numbered <paramref name="from"/>, or -1.</summary>
    public int Resolve(int from, string name)
    {
        if (!_names.TryGetValue(name, out var number))
        {
            return -1;
        }

        for (var id = from; id >= 0; id = _parents[id])
        {
            if (_installed.TryGetValue(Key(id, number), out var package))
            {
                return package;
            }
        }

        return -1;
    }

    private static long Key(int folder, int name) => ((long)folder << 32) | (uint)name;

    /// <summary>The number of <paramref name="folder"/> (<paramref name="whole"/> when it is a whole string, kept as the key then).</summary>
    private int IdOf(ReadOnlySpan<char> folder, string? whole)
    {
        if (_idLookup.TryGetValue(folder, out var id))
        {
            return id;
        }

        // The nearest numbered folder above, then number the ones below it, top down.
        var known = folder;
        var parent = 0;
        while (known.Length > 0)
        {
            var slash = known.LastIndexOf('/');
            known = slash < 0 ? [] : known[..slash];
            if (_idLookup.TryGetValue(known, out parent))
            {
                break;
            }
        }

        while (known.Length < folder.Length)
        {
            // The next folder down ends at the next '/' after the known one's end ("" is the parent of "/a" too).
            var start = known.Length + 1;
            var slash = start > folder.Length ? -1 : folder[start..].IndexOf('/');
            known = slash < 0 ? folder : folder[..(start + slash)];
            id = _parents.Count;
            if (slash < 0 && whole is not null)
            {
                _ids[whole] = id;
            }
            else
            {
                _idLookup[known] = id;
            }

            _parents.Add(parent);
            parent = id;
        }

        return id;
    }
}
