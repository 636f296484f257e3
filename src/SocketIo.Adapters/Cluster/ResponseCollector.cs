namespace SocketIo.Adapters.Cluster;

/// <summary>
/// Gathers the answers of the other nodes to one request: complete once <c>expected</c> nodes answered. Each answer
/// may carry several items (a node's sockets) or one (a node's acknowledgement).
/// </summary>
internal sealed class ResponseCollector<T>(int expected)
{
    private readonly Lock _lock = new();
    private readonly List<T> _items = [];
    private int _received;

    public TaskCompletionSource<IReadOnlyList<T>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Expected => expected;

    public void Add(IEnumerable<T> items)
    {
        lock (_lock)
        {
            if (Completion.Task.IsCompleted)
            {
                return;
            }

            _items.AddRange(items);
            if (++_received >= expected)
            {
                Completion.TrySetResult([.. _items]);
            }
        }
    }

    /// <summary>Gets how many nodes answered so far and their items.</summary>
    public (int Received, IReadOnlyList<T> Items) Snapshot()
    {
        lock (_lock)
        {
            return (_received, [.. _items]);
        }
    }
}
