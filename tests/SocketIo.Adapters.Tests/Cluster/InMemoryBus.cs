using SocketIo.Adapters.Cluster;

namespace SocketIo.Adapters.Tests.Cluster;

/// <summary>
/// A message bus in one process, with the delivery rules of Redis pub/sub that a cluster adapter meets: a publish
/// reaches every subscriber of the namespace, the publisher included (its echo must be filtered out); a response
/// reaches the requesting node only; each node receives in publish order, on its own reader, later than the publish
/// returns. It can fail publishes (a bus outage) and mute a node (a node that never answers).
/// </summary>
public sealed class InMemoryBus
{
    private readonly Lock _lock = new();
    private readonly List<InMemoryBusAdapter> _nodes = [];
    private volatile bool _failing;
    private volatile string? _muted;

    /// <summary>Makes every publish throw, as a bus that is down does.</summary>
    public void Fail(bool failing = true) => _failing = failing;

    /// <summary>Drops every message the node with this id publishes or answers (it still receives).</summary>
    public void Mute(string? uid) => _muted = uid;

    internal void Subscribe(InMemoryBusAdapter node)
    {
        lock (_lock)
        {
            _nodes.Add(node);
        }
    }

    internal void Unsubscribe(InMemoryBusAdapter node)
    {
        lock (_lock)
        {
            _nodes.Remove(node);
        }
    }

    internal int SubscriberCount(string nsp)
    {
        lock (_lock)
        {
            return _nodes.Count(n => n.NamespaceName == nsp);
        }
    }

    internal void Publish(InMemoryBusAdapter from, ClusterAdapterMessage message)
    {
        ThrowIfFailing();
        if (_muted == from.Uid)
        {
            return;
        }

        foreach (var node in Snapshot())
        {
            if (node.NamespaceName == from.NamespaceName)
            {
                node.Deliver(message);
            }
        }
    }

    internal void PublishResponse(InMemoryBusAdapter from, string requesterUid, ClusterAdapterMessage response)
    {
        ThrowIfFailing();
        if (_muted == from.Uid)
        {
            return;
        }

        foreach (var node in Snapshot())
        {
            if (node.NamespaceName == from.NamespaceName && node.Uid == requesterUid)
            {
                node.Deliver(response);
            }
        }
    }

    private InMemoryBusAdapter[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _nodes];
        }
    }

    private void ThrowIfFailing()
    {
        if (_failing)
        {
            throw new IOException("The bus is down.");
        }
    }
}
