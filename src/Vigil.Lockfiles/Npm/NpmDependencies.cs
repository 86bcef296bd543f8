using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Npm;

/// <summary>The dependency declarations and flags of a lockfile entry, with npm's precedence.</summary>
internal static class NpmDependencies
{
    /// <summary>
    /// The declarations of an entry, into <paramref name="declared"/> (cleared first): <c>dependencies</c>,
    /// <c>optionalDependencies</c> (which win over a <c>dependencies</c> entry of the same name), <c>peerDependencies</c>
    /// (unless also a regular dependency), and, for the root and workspaces only, <c>devDependencies</c> (unless also a
    /// regular dependency).
    /// </summary>
    public static void Declared(ReadContext context, MapNode entry, What what, bool top, List<(string Name, string Spec, EdgeType Type)> declared)
    {
        declared.Clear();
        Dictionary<string, int>? index = null;
        Add("dependencies", EdgeType.Prod, replace: false);
        Add("optionalDependencies", EdgeType.Optional, replace: true);
        Add("peerDependencies", EdgeType.Peer, replace: false);
        if (top)
        {
            Add("devDependencies", EdgeType.Dev, replace: false);
        }

        void Add(string key, EdgeType type, bool replace)
        {
            var map = context.OptionalMap(entry, key, what);
            if (map is null)
            {
                return;
            }

            var first = Prepare(declared, ref index, map.Count);
            foreach (var item in map.Entries)
            {
                AddOne(declared, index, first, item.Key, context.EntryText(item, key, what), type, replace);
            }
        }
    }

    /// <summary>
    /// <see cref="Declared(ReadContext, MapNode, What, bool, List{ValueTuple{string, string, EdgeType}})"/> for an entry
    /// of <see cref="NpmPackagesScan"/>, whose groups are ranges of <paramref name="all"/>.
    /// </summary>
    public static void Declared(List<(string Name, string Spec)> all, in ScannedEntry entry, bool top, List<(string Name, string Spec, EdgeType Type)> declared)
    {
        declared.Clear();
        Dictionary<string, int>? index = null;
        Add(entry.Group(0), EdgeType.Prod, replace: false);
        Add(entry.Group(1), EdgeType.Optional, replace: true);
        Add(entry.Group(2), EdgeType.Peer, replace: false);
        if (top)
        {
            Add(entry.Group(3), EdgeType.Dev, replace: false);
        }

        void Add((int Start, int Count) group, EdgeType type, bool replace)
        {
            if (group.Count == 0)
            {
                return;
            }

            var first = Prepare(declared, ref index, group.Count);
            for (var i = group.Start; i < group.Start + group.Count; i++)
            {
                AddOne(declared, index, first, all[i].Name, all[i].Spec, type, replace);
            }
        }
    }

    /// <summary>
    /// Before a group of <paramref name="count"/> declarations: whether it is the first (keys are unique within a map, so
    /// names repeat only across groups: the first group adds without looking), and an index once there are many.
    /// </summary>
    private static bool Prepare(List<(string Name, string Spec, EdgeType Type)> declared, ref Dictionary<string, int>? index, int count)
    {
        var first = declared.Count == 0;
        if (!first && index is null && declared.Count + count > SmallSearch)
        {
            index = new Dictionary<string, int>(declared.Count + count, StringComparer.Ordinal);
            for (var i = 0; i < declared.Count; i++)
            {
                index[declared[i].Name] = i;
            }
        }

        return first;
    }

    private static void AddOne(List<(string Name, string Spec, EdgeType Type)> declared, Dictionary<string, int>? index, bool first, string name, string spec, EdgeType type, bool replace)
    {
        var existing = first ? -1 : index is not null ? index.GetValueOrDefault(name, -1) : IndexOf(declared, name);
        if (existing < 0)
        {
            index?.Add(name, declared.Count);
            declared.Add((name, spec, type));
        }
        else if (replace)
        {
            declared[existing] = (name, spec, type);
        }
    }

    /// <summary>Up to this many declarations, a name is looked for by a linear search.</summary>
    private const int SmallSearch = 16;

    private static int IndexOf(List<(string Name, string Spec, EdgeType Type)> declared, string name)
    {
        for (var i = 0; i < declared.Count; i++)
        {
            if (string.Equals(declared[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The flags npm wrote: <c>dev</c>, <c>optional</c>, <c>devOptional</c>, <c>peer</c>.</summary>
    public static DependencyType RecordedType(ReadContext context, MapNode entry, What what)
    {
        var dev = context.Flag(entry, "dev", what);
        var optional = context.Flag(entry, "optional", what);
        var devOptional = context.Flag(entry, "devOptional", what);
        return RecordedType(dev, optional, devOptional, context.Flag(entry, "peer", what));
    }

    /// <summary>The type of the flags npm wrote: <c>devOptional</c> counts only without <c>dev</c> and <c>optional</c>.</summary>
    public static DependencyType RecordedType(bool dev, bool optional, bool devOptional, bool peer)
    {
        var type = DependencyType.Prod;
        if (dev)
        {
            type |= DependencyType.Dev;
        }

        if (optional)
        {
            type |= DependencyType.Optional;
        }

        if (devOptional && type == DependencyType.Prod)
        {
            type |= DependencyType.DevOptional;
        }

        if (peer)
        {
            type |= DependencyType.Peer;
        }

        return type;
    }
}
