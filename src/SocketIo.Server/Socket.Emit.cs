using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;
using SocketIo.Server.Diagnostics;
using SocketIo.Server.Internal;
using SocketIo.Protocol.Packets;

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
    /// <exception cref="SocketDisconnectedException">The socket is not connected, or disconnected before the answer.</exception>
    public Task<SocketIoArguments> EmitWithAckAsync(string eventName, params object?[] args)
        => new SocketEmitter(this).EmitWithAckAsync(eventName, args);

    /// <summary>
    /// Sends an event and awaits the client's acknowledgement, or until <paramref name="cancellationToken"/> is
    /// cancelled: <c>await socket.EmitWithAckAsync("question", ["what?"], cancellationToken)</c>.
    /// </summary>
    /// <returns>The acknowledgement's arguments.</returns>
    /// <exception cref="SocketDisconnectedException">The socket is not connected, or disconnected before the answer.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first; a late answer is ignored.</exception>
    public Task<SocketIoArguments> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken)
        => new SocketEmitter(this).EmitWithAckAsync(eventName, args, cancellationToken);

    /// <summary>Sends an event and awaits the client's acknowledgement, binding its first argument to <typeparamref name="T"/>.</summary>
    public Task<T?> EmitWithAckAsync<T>(string eventName, params object?[] args)
        => new SocketEmitter(this).EmitWithAckAsync<T>(eventName, args);

    /// <summary>Like <see cref="EmitWithAckAsync(string, object?[], CancellationToken)"/>, binding the answer's first argument to <typeparamref name="T"/>.</summary>
    public Task<T?> EmitWithAckAsync<T>(string eventName, object?[] args, CancellationToken cancellationToken)
        => new SocketEmitter(this).EmitWithAckAsync<T>(eventName, args, cancellationToken);

    /// <summary>Returns an emitter whose acknowledgements fail with <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public SocketEmitter Timeout(TimeSpan timeout) => new SocketEmitter(this).Timeout(timeout);

    /// <summary>Gets an emitter whose events are dropped when the client cannot take them right now.</summary>
    public SocketEmitter Volatile => new SocketEmitter(this).Volatile;

    /// <summary>
    /// Returns an emitter whose events, when <paramref name="compress"/> is false, are sent without per-message
    /// compression (WebSocket permessage-deflate, and the HTTP compression of a polling response holding only such
    /// packets); Node's <c>socket.compress(false)</c>.
    /// </summary>
    public SocketEmitter Compress(bool compress) => new SocketEmitter(this).Compress(compress);

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

    internal void EmitCore(string eventName, object?[] args, bool isVolatile, bool compress = true)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        NotifyOutgoing(eventName, args);
        if (!isVolatile && KeepsSession)
        {
            EmitThroughAdapter(eventName, args, compress);
            return;
        }

        _client.Send(OutboundPacket.Event(_client.Parser, _client.Serializer, Namespace.Name, eventName, args, compress: compress), isVolatile);
    }

    internal Task<SocketIoArguments> EmitWithAckCore(string eventName, object?[] args, TimeSpan? timeout, CancellationToken cancellationToken, bool compress = true)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        ArgumentNullException.ThrowIfNull(args);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<SocketIoArguments>(cancellationToken);
        }

        if (!Connected)
        {
            return Task.FromException<SocketIoArguments>(new SocketDisconnectedException("The socket is not connected."));
        }

        var id = Namespace.NextAckId();
        var pending = new PendingAck();
        var pendingAcks = PendingAcks;
        pendingAcks[id] = pending;

        // A close marks the socket disconnected, then fails what it finds registered. Checking again after
        // registering means that whichever ran first, this acknowledgement is failed by one of the two.
        if (!Connected)
        {
            if (pendingAcks.TryRemove(id, out _))
            {
                pending.Fail(new SocketDisconnectedException());
            }

            return pending.Completion!.Task;
        }

        TimerHandle? timer = null;
        if (timeout is { } delay)
        {
            timer = _client.Timers.Schedule(delay, _ =>
            {
                if (PendingAcks.TryRemove(id, out var expired))
                {
                    ServerTelemetry.AckTimedOut(Namespace, "emit");
                    expired.Fail(new TimeoutException($"No acknowledgement of '{eventName}' within {delay}."));
                }
            }, null);
        }

        var cancellation = !cancellationToken.CanBeCanceled ? default : cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var (socket, id) = ((Socket, long))state!;
                if (socket.PendingAcks.TryRemove(id, out var cancelled))
                {
                    cancelled.Cancel(token);
                }
            },
            (this, id));
        pending.Attach(timer, cancellation);

        NotifyOutgoing(eventName, args);
        var result = _client.Send(OutboundPacket.Event(_client.Parser, _client.Serializer, Namespace.Name, eventName, args, id, compress), isVolatile: false);
        if (result is EngineSendResult.Closed or EngineSendResult.Overflow && PendingAcks.TryRemove(id, out _))
        {
            pending.Fail(new SocketDisconnectedException());
        }

        return pending.Completion!.Task;
    }

    internal void OnAck(long id, SocketIoArguments args)
    {
        if (_pendingAcksOrNull is { } pendingAcks && pendingAcks.TryRemove(id, out var pending))
        {
            ServerTelemetry.AckReceived(Namespace, pending.AskedAt);
            pending.Complete(Id, args);
        }
        else if (_client.ClientLogs.Allow(LogLevel.Debug))
        {
            Log.UnknownAck(_client.Logger, Id, id);
        }
    }

    /// <summary>Answers the client's event <paramref name="id"/>, unless the socket has disconnected.</summary>
    internal void SendAck(long id, ReadOnlySpan<object?> args)
    {
        if (Connected)
        {
            _client.Send(OutboundPacket.Ack(_client.Parser, _client.Serializer, Namespace.Name, id, args), isVolatile: false);
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
                pending.Fail(new SocketDisconnectedException());
            }
        }
    }

    /// <summary>Registers a broadcast's acknowledgement id on this socket, forgotten after the broadcast's timeout.</summary>
    internal void ExpectAck(long id, TimeSpan timeout, Action<AckResponse> onAck)
    {
        var pending = new PendingAck(onAck);
        PendingAcks[id] = pending;
        pending.Attach(_client.Timers.Schedule(timeout, state => PendingAcks.TryRemove(new KeyValuePair<long, PendingAck>(id, (PendingAck)state!)), pending), default);
    }

    /// <summary>Gets how many acknowledgements this socket still waits for (for tests).</summary>
    internal int PendingAckCount => _pendingAcksOrNull?.Count ?? 0;

    /// <summary>
    /// An acknowledgement this socket awaits: an awaited emit's task, or a broadcast's callback. Whoever removes it
    /// from the pending map settles it (answer, failure, cancellation), which releases its timer and token registration.
    /// </summary>
    private sealed class PendingAck(Action<AckResponse>? callback = null)
    {
        /// <summary>Guards the three fields below: attaching and releasing may race.</summary>
        private readonly Lock _gate = new();
        private TimerHandle? _timer;
        private CancellationTokenRegistration _cancellation;
        private bool _settled;

        public TaskCompletionSource<SocketIoArguments>? Completion { get; } =
            callback is null ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;

        /// <summary>When the acknowledgement was asked for, for its latency metric (0 when nobody measures it).</summary>
        public long AskedAt { get; } = ServerTelemetry.AckTimestamp();

        /// <summary>Attaches the expiry timer and the token registration; both released at once if it is already settled.</summary>
        public void Attach(TimerHandle? timer, CancellationTokenRegistration cancellation)
        {
            lock (_gate)
            {
                if (!_settled)
                {
                    _timer = timer;
                    _cancellation = cancellation;
                    return;
                }
            }

            timer?.Dispose();
            cancellation.Unregister();
        }

        public void Complete(string socketId, SocketIoArguments args)
        {
            Release();
            if (callback is not null)
            {
                callback(new AckResponse(socketId, [.. args.Values], args.Attachments));
            }
            else
            {
                Completion!.TrySetResult(args);
            }
        }

        public void Fail(Exception error)
        {
            Release();
            Completion?.TrySetException(error);
        }

        /// <summary>Drops it without an outcome: a broadcast's frames that were never queued.</summary>
        public void Forget() => Release();

        public void Cancel(CancellationToken token)
        {
            Release();
            Completion?.TrySetCanceled(token);
        }

        private void Release()
        {
            TimerHandle? timer;
            CancellationTokenRegistration cancellation;
            lock (_gate)
            {
                _settled = true;
                timer = _timer;
                cancellation = _cancellation;
            }

            timer?.Dispose();
            cancellation.Unregister();
        }
    }
}
