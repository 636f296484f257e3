using System.Collections.Concurrent;
using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Protocol.Engine;

namespace SocketIo.Adapters.Tests;

/// <summary>A namespace stand-in: a set of local socket ids, and a record of what the adapter asked of them.</summary>
public sealed class RecordingAdapterHost(string namespaceName = "/") : IAdapterHost
{
    private long _lastAckId = -1;

    public HashSet<string> LocalSockets { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string SocketId, EngineFrame[] Frames, bool IsVolatile)> Sent { get; } = new();

    public ConcurrentDictionary<string, (long AckId, Action<AckResponse> OnAck)> AwaitingAcks { get; } = new();

    public ConcurrentQueue<(string SocketId, bool Close)> Disconnected { get; } = new();

    public string NamespaceName => namespaceName;

    public bool Send(string socketId, ReadOnlySpan<EngineFrame> frames, bool isVolatile)
    {
        if (!LocalSockets.Contains(socketId))
        {
            return false;
        }

        Sent.Enqueue((socketId, frames.ToArray(), isVolatile));
        return true;
    }

    public bool SendWithAck(string socketId, ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck)
    {
        if (!Send(socketId, frames, isVolatile: false))
        {
            return false;
        }

        AwaitingAcks[socketId] = (ackId, onAck);
        return true;
    }

    public long NextAckId() => Interlocked.Increment(ref _lastAckId);

    public void Disconnect(string socketId, bool close) => Disconnected.Enqueue((socketId, close));

    public SocketDetails? Describe(string socketId) => LocalSockets.Contains(socketId)
        ? new SocketDetails(socketId, JsonDocument.Parse("{}").RootElement, [socketId], JsonDocument.Parse($"{{\"name\":\"{socketId}\"}}").RootElement)
        : null;

    /// <summary>The ids that received anything, in order.</summary>
    public IReadOnlyList<string> Recipients => [.. Sent.Select(s => s.SocketId)];
}
