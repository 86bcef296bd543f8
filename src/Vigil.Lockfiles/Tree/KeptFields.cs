namespace Vigil.Lockfiles.Tree;

/// <summary>
/// The fields a reader uses in the objects of one member of the root object (npm's <c>packages</c>: one object per
/// installed folder). <see cref="JsonTreeReader"/> leaves the other fields of those objects out of the tree (they are
/// still checked: syntax, nesting, value count, duplicate keys); a lockfile's licenses, engines, funding and
/// binaries are most of its values, and no reader looks at them.
/// </summary>
internal sealed class KeptFields(string member, IReadOnlySet<string> fields)
{
    /// <summary>Whether the value of <paramref name="key"/>, in the innermost of the open <paramref name="frames"/>, is left out.</summary>
    public bool LeavesOut(ReadOnlySpan<JsonTreeReader.Frame> frames, string key) =>
        frames.Length == 3 && frames[0].IsMap && frames[1].IsMap && frames[1].Key == member && frames[2].IsMap && !fields.Contains(key);
}
