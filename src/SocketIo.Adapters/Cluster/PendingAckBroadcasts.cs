using System.Collections.Concurrent;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// This node's broadcasts with acknowledgements, by request id, waiting for the other nodes' client counts and their
/// clients' answers; each is forgotten at its timeout (late answers are then ignored).
/// </summary>
internal sealed class PendingAckBroadcasts
{
    private readonly ConcurrentDictionary<string, Entry> _pending = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="requestId"/> is one of this node's own broadcasts.</summary>
    public bool Contains(string requestId) => _pending.ContainsKey(requestId);

    /// <summary>Remembers a broadcast until <paramref name="timeout"/>.</summary>
    public void Add(string requestId, Action<int> onClientCount, Action<AckResponse> onAck, TimeSpan timeout, TimeProvider timeProvider)
    {
        var entry = new Entry(onClientCount, onAck);
        _pending[requestId] = entry;
        entry.Expiry = timeProvider.CreateTimer(static state => ((ExpiryState)state!).Fire(), new ExpiryState(this, requestId), timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Hands a node's client count to its broadcast; false when that is not (or no longer) pending.</summary>
    public bool TryCount(string requestId, int clientCount)
    {
        if (!_pending.TryGetValue(requestId, out var entry))
        {
            return false;
        }

        entry.OnClientCount(clientCount);
        return true;
    }

    /// <summary>Hands a client's answer to its broadcast; false when that is not (or no longer) pending.</summary>
    public bool TryAck(string requestId, AckResponse answer)
    {
        if (!_pending.TryGetValue(requestId, out var entry))
        {
            return false;
        }

        entry.OnAck(answer);
        return true;
    }

    /// <summary>Forgets a broadcast: its timeout passed, or its publish failed.</summary>
    public void Forget(string requestId)
    {
        if (_pending.TryRemove(requestId, out var entry))
        {
            entry.Expiry?.Dispose();
        }
    }

    /// <summary>Forgets every broadcast (the adapter closed).</summary>
    public void ForgetAll()
    {
        foreach (var id in _pending.Keys)
        {
            Forget(id);
        }
    }

    private sealed class Entry(Action<int> onClientCount, Action<AckResponse> onAck)
    {
        public ITimer? Expiry { get; set; }

        public void OnClientCount(int count) => onClientCount(count);

        public void OnAck(AckResponse answer) => onAck(answer);
    }

    /// <summary>What the expiry timer needs: forget the request.</summary>
    private sealed class ExpiryState(PendingAckBroadcasts owner, string requestId)
    {
        public void Fire() => owner.Forget(requestId);
    }
}
