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

            // Keys are unique within a map, so names repeat only across groups: the first group adds without looking.
            var first = declared.Count == 0;
            if (!first && index is null && declared.Count + map.Count > SmallSearch)
            {
                index = new Dictionary<string, int>(declared.Count + map.Count, StringComparer.Ordinal);
                for (var i = 0; i < declared.Count; i++)
                {
                    index[declared[i].Name] = i;
                }
            }

            foreach (var item in map.Entries)
            {
                var spec = context.EntryText(item, key, what);
                var existing = first ? -1 : index is not null ? index.GetValueOrDefault(item.Key, -1) : IndexOf(declared, item.Key);
                if (existing < 0)
                {
                    index?.Add(item.Key, declared.Count);
                    declared.Add((item.Key, spec, type));
                }
                else if (replace)
                {
                    declared[existing] = (item.Key, spec, type);
                }
            }
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
        var type = DependencyType.Prod;
        if (context.Flag(entry, "dev", what))
        {
            type |= DependencyType.Dev;
        }

        if (context.Flag(entry, "optional", what))
        {
            type |= DependencyType.Optional;
        }

        if (context.Flag(entry, "devOptional", what) && type == DependencyType.Prod)
        {
            type |= DependencyType.DevOptional;
        }

        if (context.Flag(entry, "peer", what))
        {
            type |= DependencyType.Peer;
        }

        return type;
    }
}
