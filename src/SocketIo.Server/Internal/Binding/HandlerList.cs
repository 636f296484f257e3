using System.Collections;
using System.Runtime.CompilerServices;

namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// An event's handlers, in the order they were added. Immutable, like the table that holds it. Most events have one
/// handler, and a socket keeps its handlers for its whole life, so one handler is held as itself and only a second
/// makes an array. A collection expression (<c>[handler]</c>) builds one: its <see cref="Add"/> returns a new list, so
/// without the builder the expression would silently drop its items.
/// </summary>
[CollectionBuilder(typeof(HandlerList), nameof(Create))]
internal readonly struct HandlerList : IReadOnlyList<BoundHandler>
{
    /// <summary>None (<see langword="null"/>), the one handler, or an array of two or more.</summary>
    private readonly object? _handlers;

    private HandlerList(object? handlers) => _handlers = handlers;

    public int Count => _handlers switch
    {
        null => 0,
        BoundHandler[] many => many.Length,
        _ => 1,
    };

    public bool IsEmpty => _handlers is null;

    public BoundHandler this[int index] => _handlers switch
    {
        BoundHandler[] many when (uint)index < (uint)many.Length => many[index],
        BoundHandler one when index == 0 => one,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>A list of <paramref name="handlers"/>, in order (what a collection expression calls).</summary>
    public static HandlerList Create(ReadOnlySpan<BoundHandler> handlers) => handlers.Length switch
    {
        0 => default,
        1 => new(handlers[0]),
        _ => new(handlers.ToArray()),
    };

    /// <summary>This list with <paramref name="handler"/> added last.</summary>
    public HandlerList Add(BoundHandler handler) => _handlers switch
    {
        null => new(handler),
        BoundHandler[] many => new((BoundHandler[])[.. many, handler]),
        _ => new(new[] { (BoundHandler)_handlers, handler }),
    };

    /// <summary>This list without the handler at <paramref name="index"/>.</summary>
    public HandlerList RemoveAt(int index)
    {
        if (_handlers is not BoundHandler[] many)
        {
            return index == 0 && _handlers is not null ? default : throw new ArgumentOutOfRangeException(nameof(index));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)many.Length, nameof(index));
        if (many.Length == 2)
        {
            return new(many[1 - index]);
        }

        var rest = new BoundHandler[many.Length - 1];
        many.AsSpan(0, index).CopyTo(rest);
        many.AsSpan(index + 1).CopyTo(rest.AsSpan(index));
        return new(rest);
    }

    /// <summary>This list without the first occurrence of <paramref name="handler"/>; itself when it has none.</summary>
    public HandlerList Remove(BoundHandler handler)
    {
        for (var i = 0; i < Count; i++)
        {
            if (ReferenceEquals(this[i], handler))
            {
                return RemoveAt(i);
            }
        }

        return this;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<BoundHandler> IEnumerable<BoundHandler>.GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<BoundHandler>)this).GetEnumerator();

    /// <summary>Walks the list without allocating (what <c>foreach</c> uses).</summary>
    public struct Enumerator(HandlerList list)
    {
        private readonly HandlerList _list = list;
        private int _index = -1;

        public readonly BoundHandler Current => _list[_index];

        public bool MoveNext() => ++_index < _list.Count;
    }
}
