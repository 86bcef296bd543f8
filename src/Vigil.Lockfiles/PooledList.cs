using System.Buffers;
using System.Runtime.CompilerServices;

namespace Vigil.Lockfiles;

/// <summary>
/// A list whose array comes from <see cref="ArrayPool{T}.Shared"/> and goes back on <see cref="Dispose"/>: for the
/// large working lists of one read (a tree's open entries, the paths found), which would otherwise be allocated
/// (on the large object heap) for every read.
/// </summary>
internal sealed class PooledList<T>(int capacity) : IDisposable
{
    private T[] _items = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));

    public int Count { get; private set; }

    /// <summary>The items; not to be held while items are added.</summary>
    public Span<T> Items => _items.AsSpan(0, Count);

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return ref _items[index];
        }
    }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(2 * _items.Length);
            Items.CopyTo(larger);
            Release(_items);
            _items = larger;
        }

        _items[Count++] = item;
    }

    /// <summary>Keeps the first <paramref name="count"/> items.</summary>
    public void Truncate(int count)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _items.AsSpan(count, Count - count).Clear();
        }

        Count = count;
    }

    public void Dispose()
    {
        Release(_items);
        _items = [];
        Count = 0;
    }

    private static void Release(T[] items)
    {
        if (items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
