namespace Vigil.Lockfiles;

/// <summary>Helpers for <see cref="DependencyType"/>.</summary>
public static class DependencyTypes
{
    /// <summary>
    /// Whether npm leaves the package out when the given kinds are omitted (<c>--omit dev</c>, <c>--omit optional</c>,
    /// <c>--omit peer</c>), by npm's rule.
    /// </summary>
    public static bool IsOmitted(this DependencyType type, bool omitDev, bool omitOptional, bool omitPeer) =>
        (omitDev && type.HasFlag(DependencyType.Dev))
        || (omitOptional && type.HasFlag(DependencyType.Optional))
        || (omitDev && omitOptional && type.HasFlag(DependencyType.DevOptional))
        || (omitPeer && type.HasFlag(DependencyType.Peer));

    /// <summary>The flags as text: <c>prod</c>, or the set flags joined by <c>+</c> (<c>dev</c>, <c>optional</c>, <c>dev-optional</c>, <c>peer</c>).</summary>
    public static string ToText(this DependencyType type)
    {
        if (type == DependencyType.Prod)
        {
            return "prod";
        }

        var parts = new List<string>(4);
        if (type.HasFlag(DependencyType.Dev))
        {
            parts.Add("dev");
        }

        if (type.HasFlag(DependencyType.Optional))
        {
            parts.Add("optional");
        }

        if (type.HasFlag(DependencyType.DevOptional))
        {
            parts.Add("dev-optional");
        }

        if (type.HasFlag(DependencyType.Peer))
        {
            parts.Add("peer");
        }

        return string.Join('+', parts);
    }
}
