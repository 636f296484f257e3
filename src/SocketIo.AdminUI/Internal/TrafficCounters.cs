using System.Collections.Concurrent;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// Engine.IO traffic since the last stats round (the UI's aggregated events): connections, disconnections by reason,
/// messages and their bytes each way. Lock-free; each round takes the counts and starts again from zero.
/// </summary>
internal sealed class TrafficCounters
{
    private long _connections;
    private long _packetsIn;
    private long _bytesIn;
    private long _packetsOut;
    private long _bytesOut;

    /// <summary>Disconnections by Engine.IO close reason (a handful of distinct reasons).</summary>
    private readonly ConcurrentDictionary<string, long> _disconnections = new(StringComparer.Ordinal);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void Disconnected(string reason) => _disconnections.AddOrUpdate(reason, 1, static (_, count) => count + 1);

    public void Received(int bytes)
    {
        Interlocked.Increment(ref _packetsIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    public void Sent(int packets, long bytes)
    {
        Interlocked.Add(ref _packetsOut, packets);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    /// <summary>Takes the counts since the last call, each as (type, subtype, count), leaving out zeros.</summary>
    public List<(string Type, string? SubType, long Count)> Take()
    {
        var taken = new List<(string, string?, long)>();
        Add(taken, "rawConnection", Interlocked.Exchange(ref _connections, 0));
        Add(taken, "packetsIn", Interlocked.Exchange(ref _packetsIn, 0));
        Add(taken, "bytesIn", Interlocked.Exchange(ref _bytesIn, 0));
        Add(taken, "packetsOut", Interlocked.Exchange(ref _packetsOut, 0));
        Add(taken, "bytesOut", Interlocked.Exchange(ref _bytesOut, 0));
        foreach (var reason in _disconnections.Keys)
        {
            if (_disconnections.TryRemove(reason, out var count))
            {
                taken.Add(("rawDisconnection", reason, count));
            }
        }

        return taken;
    }

    private static void Add(List<(string, string?, long)> taken, string type, long count)
    {
        if (count > 0)
        {
            taken.Add((type, null, count));
        }
    }
}
