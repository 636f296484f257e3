using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using SocketIo.Protocol.Engine;

namespace SocketIo.Adapters.Recovery;

/// <summary>
/// What the in-memory adapter keeps for connection state recovery: the events it stored, oldest first, each with its
/// offset, and the sessions of sockets whose connection dropped. Both are bounded by the window (older entries are
/// dropped whenever the store is used; no timer) and by count, events also by bytes. An offset is the event's
/// sequence number and a random part (<c>1234.Vx3_k9Qa</c>): a client can name only offsets it was sent, never guess
/// an earlier position in the log. Not thread-safe: the adapter holds one lock around every call.
/// </summary>
internal sealed class SessionStore(ConnectionStateRecoveryOptions options, TimeProvider time)
{
    /// <summary>What a stored event costs beyond its frames: the entry, its options and its offset.</summary>
    internal const int PacketOverhead = 128;

    /// <summary>The longest offset this store writes (a sequence of up to 19 digits, a dot, 8 random characters).</summary>
    private const int MaxOffsetLength = 28;

    /// <summary>Stored events; the kept ones are those from <see cref="_head"/> on, with consecutive sequence numbers.</summary>
    private readonly List<StoredPacket> _packets = [];

    /// <summary>Sessions of dropped sockets by private id, each a node of <see cref="_sessionsByAge"/>.</summary>
    private readonly Dictionary<string, LinkedListNode<StoredSession>> _sessions = new(StringComparer.Ordinal);

    /// <summary>The same sessions, the longest disconnected first.</summary>
    private readonly LinkedList<StoredSession> _sessionsByAge = new();

    /// <summary>The index in <see cref="_packets"/> of the oldest kept event; those before it are dropped.</summary>
    private int _head;

    /// <summary>The sequence number of the next event stored.</summary>
    private long _nextSequence;

    /// <summary>The bytes of the kept events, overhead included.</summary>
    private long _bytes;

    /// <summary>Gets how many events are kept (for tests).</summary>
    public int PacketCount => _packets.Count - _head;

    /// <summary>Gets how many sessions are kept (for tests).</summary>
    public int SessionCount => _sessions.Count;

    private long FirstSequence => _nextSequence - PacketCount;

    /// <summary>Returns the offset the next stored event gets; pass it to <see cref="Append"/>.</summary>
    public string NextOffset()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture, $"{_nextSequence}.{Base64Url.EncodeToString(random)}");
    }

    /// <summary>Stores an event framed with its offset (from <see cref="NextOffset"/>), then drops what falls out of the bounds.</summary>
    public void Append(string offset, EngineFrame[] frames, BroadcastOptions broadcast)
    {
        long bytes = PacketOverhead;
        foreach (var frame in frames)
        {
            bytes += frame.Payload.Length;
        }

        _packets.Add(new StoredPacket(offset, frames, broadcast, time.GetTimestamp(), bytes));
        _nextSequence++;
        _bytes += bytes;
        PrunePackets();
    }

    /// <summary>Keeps a session (a newer one of the same private id replaces it), then drops what falls out of the bounds.</summary>
    public void Persist(ConnectionSession session)
    {
        if (_sessions.Remove(session.PrivateId, out var previous))
        {
            _sessionsByAge.Remove(previous);
        }

        _sessions[session.PrivateId] = _sessionsByAge.AddLast(new StoredSession(session, time.GetTimestamp()));
        PruneSessions();
    }

    /// <summary>
    /// Takes the session of <paramref name="privateId"/> out: returned when it is within the window and
    /// <paramref name="offset"/> names a kept event, else <see langword="null"/> (taken out all the same).
    /// </summary>
    public ConnectionSession? Take(string privateId, string offset)
    {
        PruneSessions();
        if (!_sessions.Remove(privateId, out var node))
        {
            return null;
        }

        _sessionsByAge.Remove(node);
        PrunePackets();
        return TryFind(offset, out var sequence) && _packets[IndexOf(sequence)].Offset == offset ? node.Value.Session : null;
    }

    /// <summary>
    /// Adds to <paramref name="missed"/> every kept event after <paramref name="offset"/>, oldest first; false when one
    /// of them was dropped already (or the offset is not this store's), and nothing is added.
    /// </summary>
    public bool TryGetAfter(string offset, List<(EngineFrame[] Frames, BroadcastOptions Broadcast)> missed)
    {
        PrunePackets();
        if (!TryParse(offset, out var sequence) || sequence >= _nextSequence || sequence + 1 < FirstSequence)
        {
            return false;
        }

        for (var next = Math.Max(sequence + 1, FirstSequence); next < _nextSequence; next++)
        {
            var packet = _packets[IndexOf(next)];
            missed.Add((packet.Frames, packet.Broadcast));
        }

        return true;
    }

    private int IndexOf(long sequence) => _head + (int)(sequence - FirstSequence);

    /// <summary>Finds the kept event an offset of this store names by its sequence number.</summary>
    private bool TryFind(string offset, out long sequence)
        => TryParse(offset, out sequence) && sequence >= FirstSequence && sequence < _nextSequence;

    private static bool TryParse(string offset, out long sequence)
    {
        sequence = -1;
        var dot = offset.IndexOf('.', StringComparison.Ordinal);
        return offset.Length <= MaxOffsetLength
            && dot > 0
            && long.TryParse(offset.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    private bool IsExpired(long storedAt) => time.GetElapsedTime(storedAt) > options.MaxDisconnectionDuration;

    private void PrunePackets()
    {
        while (PacketCount > 0 && (PacketCount > options.MaxStoredPackets || _bytes > options.MaxStoredBytes || IsExpired(_packets[_head].StoredAt)))
        {
            _bytes -= _packets[_head].Bytes;
            _packets[_head] = default!;
            _head++;
        }

        // Drop the released slots in one move once they are the larger part, so the cost stays constant per event.
        if (_head > 1024 && _head > _packets.Count / 2)
        {
            _packets.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private void PruneSessions()
    {
        while (_sessionsByAge.First is { } oldest && (_sessions.Count > options.MaxStoredSessions || IsExpired(oldest.Value.DisconnectedAt)))
        {
            _sessions.Remove(oldest.Value.Session.PrivateId);
            _sessionsByAge.RemoveFirst();
        }
    }

    /// <summary>A stored event: its frames (offset included), whom it was sent to, when, and what it costs.</summary>
    private sealed record StoredPacket(string Offset, EngineFrame[] Frames, BroadcastOptions Broadcast, long StoredAt, long Bytes);

    /// <summary>A kept session and when its connection dropped (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record StoredSession(ConnectionSession Session, long DisconnectedAt);
}
