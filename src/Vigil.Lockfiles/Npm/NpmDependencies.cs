using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Npm;

/// <summary>The dependency declarations and flags of a lockfile entry, with npm's precedence.</summary>
internal static class NpmDependencies
{
    /// <summary>
    /// The declarations of an entry: <c>dependencies</c>, <c>optionalDependencies</c> (which win over a
    /// <c>dependencies</c> entry of the same name), <c>peerDependencies</c> (unless also a regular dependency), and,
    /// for the root and workspaces only, <c>devDependencies</c> (unless also a regular dependency).
    /// </summary>
    public static List<(string Name, string Spec, EdgeType Type)> Declared(ReadContext context, MapNode entry, string what, bool top)
    {
        var result = new List<(string, string, EdgeType)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        Add("dependencies", EdgeType.Prod, replace: false);
        Add("optionalDependencies", EdgeType.Optional, replace: true);
        Add("peerDependencies", EdgeType.Peer, replace: false);
        if (top)
        {
            Add("devDependencies", EdgeType.Dev, replace: false);
        }

        return result;

        void Add(string key, EdgeType type, bool replace)
        {
            foreach (var (name, spec, _) in context.StringMap(entry, key, what))
            {
                if (index.TryGetValue(name, out var existing))
                {
                    if (replace)
                    {
                        result[existing] = (name, spec, type);
                    }

                    continue;
                }

                index[name] = result.Count;
                result.Add((name, spec, type));
            }
        }
    }

    /// <summary>The flags npm wrote: <c>dev</c>, <c>optional</c>, <c>devOptional</c>, <c>peer</c>.</summary>
    public static DependencyType RecordedType(ReadContext context, MapNode entry, string what)
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
