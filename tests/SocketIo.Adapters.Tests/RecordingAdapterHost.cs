using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Adapters.Tests;

/// <summary>
/// A namespace stand-in on one node: a set of local socket ids, a record of what the adapter asked of them, and
/// server-side listeners that answer as told. Every change pulses a signal, so a test waits for an event, never sleeps.
/// </summary>
public sealed class RecordingAdapterHost(string namespaceName = "/", string? serverId = null) : IAdapterHost
{
    private long _lastAckId = -1;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentDictionary<string, bool> LocalSockets { get; } = new(StringComparer.Ordinal);

    /// <summary>Local sockets whose connection no longer takes frames (closed or overflowed): sends to them fail.</summary>
    public ConcurrentDictionary<string, bool> Unreachable { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string SocketId, EngineFrame[] Frames, bool IsVolatile)> Sent { get; } = new();

    public ConcurrentDictionary<string, (long AckId, Action<AckResponse> OnAck)> AwaitingAcks { get; } = new();

    public ConcurrentQueue<(string SocketId, bool Close)> Disconnected { get; } = new();

    public ConcurrentQueue<(PacketPayload Packet, bool WantsAck)> ServerSideEmits { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>What this node's server-side listeners answer; <see langword="null"/>: they never answer.</summary>
    public Func<PacketPayload, AckResponse?>? AnswerServerSideEmit { get; set; }

    /// <summary>The rooms of a local socket, for its description (the adapter knows them).</summary>
    public Func<string, IReadOnlySet<string>>? RoomsOf { get; set; }

    public string NamespaceName => namespaceName;

    public string ServerId { get; } = serverId ?? Guid.NewGuid().ToString("N")[..16];

    public TimeProvider TimeProvider => TimeProvider.System;

    public ILogger Logger => new ListLogger(this);

    /// <summary>The parser broadcasts are framed with; the default one unless a test sets another.</summary>
    public ISocketIoParser Parser { get; set; } = SocketIoParsers.Default;

    public bool Send(string socketId, ReadOnlySpan<EngineFrame> frames, bool isVolatile)
    {
        if (!LocalSockets.ContainsKey(socketId) || Unreachable.ContainsKey(socketId))
        {
            return false;
        }

        Sent.Enqueue((socketId, frames.ToArray(), isVolatile));
        Pulse();
        return true;
    }

    public bool SendWithAck(string socketId, ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck)
    {
        if (!LocalSockets.ContainsKey(socketId) || Unreachable.ContainsKey(socketId))
        {
            return false;
        }

        AwaitingAcks[socketId] = (ackId, onAck);
        return Send(socketId, frames, isVolatile: false);
    }

    public long NextAckId() => Interlocked.Increment(ref _lastAckId);

    public void Disconnect(string socketId, bool close)
    {
        Disconnected.Enqueue((socketId, close));
        Pulse();
    }

    public SocketDetails? Describe(string socketId) => LocalSockets.ContainsKey(socketId)
        ? new SocketDetails(
            socketId,
            JsonDocument.Parse($"{{\"address\":\"{ServerId}\"}}").RootElement,
            [.. RoomsOf?.Invoke(socketId) ?? new HashSet<string> { socketId }],
            JsonDocument.Parse($"{{\"name\":\"{socketId}\"}}").RootElement)
        : null;

    public void OnServerSideEmit(PacketPayload packet, Action<AckResponse>? ack)
    {
        ServerSideEmits.Enqueue((packet, ack is not null));
        if (ack is not null && AnswerServerSideEmit?.Invoke(packet) is { } answer)
        {
            ack(answer);
        }

        Pulse();
    }

    /// <summary>The ids that received anything, in order.</summary>
    public IReadOnlyList<string> Recipients => [.. Sent.Select(s => s.SocketId)];

    /// <summary>The event names a local socket received, in order (from the text frame <c>42[…]</c> or <c>451-[…]</c>).</summary>
    public IReadOnlyList<string> EventsOf(string socketId) => [.. Sent.Where(s => s.SocketId == socketId).Select(s => EventName(s.Frames[0]))];

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, re-checking on every change.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }

    /// <summary>Signals a change made outside the host (a room joined through the adapter, say).</summary>
    public void Pulse() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public static string EventName(EngineFrame frame)
    {
        var text = Encoding.UTF8.GetString(frame.Payload.Span);
        using var array = JsonDocument.Parse(text[text.IndexOf('[', StringComparison.Ordinal)..]);
        return array.RootElement[0].GetString()!;
    }

    private sealed class ListLogger(RecordingAdapterHost host) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            host.Logs.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)}");
            host.Pulse();
        }
    }
}
