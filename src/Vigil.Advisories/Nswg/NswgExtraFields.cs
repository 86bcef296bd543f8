using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Vigil.Advisories.Nswg.Json;

namespace Vigil.Advisories.Nswg;

/// <summary>
/// The members of a record (or of an npm <c>author</c>) that its format does not define, in their original order,
/// with their JSON values kept as read (numbers keep their text). Equality compares names, order and JSON values.
/// </summary>
public sealed class NswgExtraFields : IReadOnlyList<KeyValuePair<string, JsonElement>>, IEquatable<NswgExtraFields>
{
    private readonly ImmutableArray<KeyValuePair<string, JsonElement>> _members;

    private NswgExtraFields(ImmutableArray<KeyValuePair<string, JsonElement>> members) => _members = members;

    /// <summary>No extra members.</summary>
    public static NswgExtraFields Empty { get; } = new(ImmutableArray<KeyValuePair<string, JsonElement>>.Empty);

    /// <inheritdoc/>
    public int Count => _members.Length;

    /// <inheritdoc/>
    public KeyValuePair<string, JsonElement> this[int index] => _members[index];

    /// <summary>
    /// Extra members from name/value pairs, in the given order. Each value is cloned, so it stays valid
    /// after the document it came from is disposed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="members"/> or a name is null.</exception>
    /// <exception cref="ArgumentException">A name appears twice, or a value is undefined (<c>default(JsonElement)</c>).</exception>
    public static NswgExtraFields Create(IEnumerable<KeyValuePair<string, JsonElement>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<string, JsonElement>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in members)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(members));
            if (!names.Add(name))
            {
                throw new ArgumentException($"The member '{name}' appears twice.", nameof(members));
            }

            if (value.ValueKind == JsonValueKind.Undefined)
            {
                throw new ArgumentException($"The member '{name}' has no value.", nameof(members));
            }

            builder.Add(new KeyValuePair<string, JsonElement>(name, value.Clone()));
        }

        return builder.Count == 0 ? Empty : new NswgExtraFields(builder.ToImmutable());
    }

    /// <summary>The value of the extra member <paramref name="name"/>, if there is one.</summary>
    public bool TryGetValue(string name, [MaybeNullWhen(false)] out JsonElement value)
    {
        foreach (var member in _members)
        {
            if (string.Equals(member.Key, name, StringComparison.Ordinal))
            {
                value = member.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, JsonElement>>)_members).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(NswgExtraFields? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _members.Length; i++)
        {
            if (!string.Equals(_members[i].Key, other._members[i].Key, StringComparison.Ordinal)
                || !JsonStructuralEquality.AreEqual(_members[i].Value, other._members[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NswgExtraFields);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var member in _members)
        {
            hash.Add(member.Key, StringComparer.Ordinal);
            hash.Add(member.Value.ValueKind);
        }

        return hash.ToHashCode();
    }

    /// <summary>The names of the extra members.</summary>
    public override string ToString() => "{" + string.Join(", ", _members.Select(m => m.Key)) + "}";
}
