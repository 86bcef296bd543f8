using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Vigil.Advisories.Nswg;

/// <summary>
/// An immutable list with value equality: two lists are equal when they hold equal items in the same order.
/// Used for the string arrays of the records (<c>cve</c>, <c>cves</c>, <c>references</c>, ...), whose order matters.
/// Build one with a collection expression, e.g. <c>NswgList&lt;string&gt; cves = ["CVE-2017-1000381"];</c>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[CollectionBuilder(typeof(NswgList), nameof(NswgList.Create))]
public sealed class NswgList<T> : IReadOnlyList<T>, IEquatable<NswgList<T>>
{
    private readonly ImmutableArray<T> _items;

    internal NswgList(ImmutableArray<T> items) => _items = items;

    /// <summary>The empty list.</summary>
    internal static NswgList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public T this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(NswgList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NswgList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The items, comma-separated, in brackets.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>Builds <see cref="NswgList{T}"/> values.</summary>
public static class NswgList
{
    /// <summary>The empty list.</summary>
    public static NswgList<T> Empty<T>() => NswgList<T>.Empty;

    /// <summary>A list holding a copy of <paramref name="items"/>.</summary>
    public static NswgList<T> Create<T>(ReadOnlySpan<T> items) =>
        items.IsEmpty ? NswgList<T>.Empty : new NswgList<T>(ImmutableArray.Create(items));

    /// <summary>A list holding a copy of <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public static NswgList<T> From<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToImmutableArray();
        return array.IsEmpty ? NswgList<T>.Empty : new NswgList<T>(array);
    }
}
