using System.Collections.Concurrent;
using System.Collections.Immutable;
using SocketIo.Adapters;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

public sealed partial class Socket
{
    /// <summary>Acknowledgements this socket awaits, by id; created on the first one (many sockets never ask).</summary>
    private ConcurrentDictionary<long, PendingAck>? _pendingAcksOrNull;

    private ConcurrentDictionary<long, PendingAck> PendingAcks => LazyInitializer.EnsureInitialized(ref _pendingAcksOrNull, static () => new());
    private ImmutableArray<Action<string, IReadOnlyList<object?>>> _outgoingListeners = [];

    /// <summary>Sends an event to this client. Binary arguments (<c>byte[]</c>) travel as attachments.</summary>
    /// <param name="eventName">The event name; the reserved names (<c>connect</c>, <c>disconnect</c>…) throw.</param>
    /// <param name="args">The arguments, serialized with System.Text.Json.</param>
    public void Emit(string eventName, params object?[] args) => new SocketEmitter(this).Emit(eventName, args);

    /// <summary>Sends an event and awaits the client's acknowledgement; see <see cref="Timeout"/> to bound the wait.</summary>
    /// <returns>The acknowledgement's arguments.</returns>
    /// <exception cref="SocketDisconnectedException">The socket disconnected first.</exception>
    public Task<SocketIoArguments> EmitWithAckAsync(string eventName, params object?[] args)
        => new SocketEmitter(this).EmitWithAckAsync(eventName, args);

    /// <summary>Sends an event and awaits the client's acknowledgement, binding its first argument to <typeparamref name="T"/>.</summary>
    public Task<T?> EmitWithAckAsync<T>(string eventName, params object?[] args)
        => new SocketEmitter(this).EmitWithAckAsync<T>(eventName, args);

    /// <summary>Returns an emitter whose acknowledgements fail with <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public SocketEmitter Timeout(TimeSpan timeout) => new SocketEmitter(this).Timeout(timeout);

    /// <summary>Gets an emitter whose events are dropped when the client cannot take them right now.</summary>
    public SocketEmitter Volatile => new SocketEmitter(this).Volatile;

    /// <summary>Runs <paramref name="listener"/> for every event this socket sends to its client.</summary>
    public Socket OnAnyOutgoing(Action<string, IReadOnlyList<object?>> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _outgoingListeners, static (list, l) => list.Add(l), listener);
        return this;
    }

    /// <summary>Removes every outgoing catch-all listener.</summary>
    public Socket OffAnyOutgoing()
    {
        _outgoingListeners = [];
        return this;
    }

    internal void EmitCore(string eventName, object?[] args, bool isVolatile)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        NotifyOutgoing(eventName, args);
        _client.Send(OutboundPacket.Event(_client.Parser, Namespace.Name, eventName, args), isVolatile);
    }

    internal Task<SocketIoArguments> EmitWithAckCore(string eventName, object?[] args, TimeSpan? timeout)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        if (!Connected)
        {
            return Task.FromException<SocketIoArguments>(new SocketDisconnectedException());
        }

        var id = Namespace.NextAckId();
        var pending = new PendingAck();
        PendingAcks[id] = pending;
        if (timeout is { } delay)
        {
            pending.Timer = _client.Timers.Schedule(delay, _ =>
            {
                if (PendingAcks.TryRemove(id, out var expired))
                {
                    expired.Completion!.TrySetException(new TimeoutException($"No acknowledgement of '{eventName}' within {delay}."));
                }
            }, null);
        }

        NotifyOutgoing(eventName, args);
        var result = _client.Send(OutboundPacket.Event(_client.Parser, Namespace.Name, eventName, args, id), isVolatile: false);
        if (result is EngineSendResult.Closed or EngineSendResult.Overflow && PendingAcks.TryRemove(id, out _))
        {
            pending.Timer?.Dispose();
            pending.Completion!.TrySetException(new SocketDisconnectedException());
        }

        return pending.Completion!.Task;
    }

    internal void OnAck(long id, SocketIoArguments args)
    {
        if (_pendingAcksOrNull is { } pendingAcks && pendingAcks.TryRemove(id, out var pending))
        {
            pending.Timer?.Dispose();
            pending.Complete(Id, args);
        }
        else
        {
            Log.UnknownAck(_client.Logger, Id, id);
        }
    }

    private void SendAck(long id, object?[] args)
    {
        if (Connected)
        {
            _client.Send(OutboundPacket.Ack(_client.Parser, Namespace.Name, id, args), isVolatile: false);
        }
    }

    private void NotifyOutgoing(string eventName, object?[] args)
    {
        foreach (var listener in _outgoingListeners)
        {
            try
            {
                listener(eventName, args);
            }
#pragma warning disable CA1031 // A failing listener must not stop the emit.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ListenerFailed(_client.Logger, Id, e);
            }
        }
    }

    private void FailPendingAcks()
    {
        if (_pendingAcksOrNull is not { } pendingAcks)
        {
            return;
        }

        foreach (var id in pendingAcks.Keys)
        {
            if (pendingAcks.TryRemove(id, out var pending))
            {
                pending.Timer?.Dispose();
                pending.Completion?.TrySetException(new SocketDisconnectedException());
            }
        }
    }

    /// <summary>Registers a broadcast's acknowledgement id on this socket, forgotten after the broadcast's timeout.</summary>
    internal void ExpectAck(long id, TimeSpan timeout, Action<AckResponse> onAck)
    {
        var pending = new PendingAck(onAck);
        PendingAcks[id] = pending;
        pending.Timer = _client.Timers.Schedule(timeout, state => PendingAcks.TryRemove(new KeyValuePair<long, PendingAck>(id, (PendingAck)state!)), pending);
    }

    /// <summary>Gets how many acknowledgements this socket still waits for (for tests).</summary>
    internal int PendingAckCount => _pendingAcksOrNull?.Count ?? 0;

    /// <summary>An acknowledgement this socket awaits: an awaited emit's task, or a broadcast's callback.</summary>
    private sealed class PendingAck(Action<AckResponse>? callback = null)
    {
        public TaskCompletionSource<SocketIoArguments>? Completion { get; } =
            callback is null ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;

        public TimerHandle? Timer { get; set; }

        public void Complete(string socketId, SocketIoArguments args)
        {
            if (callback is not null)
            {
                callback(new AckResponse(socketId, [.. args.Values], args.Attachments));
            }
            else
            {
                Completion!.TrySetResult(args);
            }
        }
    }
}
