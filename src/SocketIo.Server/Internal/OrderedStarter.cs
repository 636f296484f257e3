using System.Collections.Concurrent;

namespace SocketIo.Server.Internal;

/// <summary>
/// Starts work on the thread pool one item at a time, in the order queued: an item's synchronous part runs before the
/// next item starts, but its awaits hold up nothing. The caller (an adapter's receive loop) returns at once.
/// </summary>
internal sealed class OrderedStarter
{
    private readonly ConcurrentQueue<Func<Task>> _items = new();

    /// <summary>1 while a pool thread drains the queue.</summary>
    private int _draining;

    /// <summary>Queues an item; it must not throw (its task is not observed here).</summary>
    public void Start(Func<Task> item)
    {
        _items.Enqueue(item);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => ((OrderedStarter)state!).Drain(), this);
        }
    }

    private void Drain()
    {
        while (true)
        {
            while (_items.TryDequeue(out var item))
            {
                _ = item();
            }

            Volatile.Write(ref _draining, 0);

            // An item queued after the last dequeue but before the flag dropped found the flag set and left: take it.
            if (_items.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
