using System.Collections.Immutable;
using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Engine;
using SocketIo.Server.Diagnostics;
using SocketIo.Server.Internal;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server;

/// <summary>
/// Selects sockets of a namespace (<see cref="To(string)"/>, <see cref="Except(string)"/>) and acts on them all:
/// emit, emit with acknowledgements, fetch, join, leave, disconnect. Immutable: every modifier returns a new operator,
/// so one can be kept and reused. The selection is the union of the target rooms (the whole namespace when none),
/// minus the sockets of the excluded rooms; a socket in several target rooms is reached once.
/// </summary>
public sealed partial class BroadcastOperator
{
    private readonly Namespace _nsp;
    private readonly ImmutableHashSet<string> _rooms;
    private readonly ImmutableHashSet<string> _except;
    private readonly BroadcastFlags _flags;

    internal BroadcastOperator(Namespace nsp, ImmutableHashSet<string>? rooms = null, ImmutableHashSet<string>? except = null, BroadcastFlags? flags = null)
    {
        _nsp = nsp;
        _rooms = rooms ?? ImmutableHashSet.Create<string>(StringComparer.Ordinal);
        _except = except ?? ImmutableHashSet.Create<string>(StringComparer.Ordinal);
        _flags = flags ?? BroadcastFlags.None;
    }

    /// <summary>Targets the sockets in <paramref name="room"/> too (a socket id targets that socket).</summary>
    public BroadcastOperator To(string room) => new(_nsp, _rooms.Add(room), _except, _flags);

    /// <summary>Targets the sockets in any of <paramref name="rooms"/> too.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => new(_nsp, _rooms.Union(rooms), _except, _flags);

    /// <summary>The same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>The same as <see cref="To(IEnumerable{string})"/>.</summary>
    public BroadcastOperator In(IEnumerable<string> rooms) => To(rooms);

    /// <summary>Leaves out the sockets in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => new(_nsp, _rooms, _except.Add(room), _flags);

    /// <summary>Leaves out the sockets in any of <paramref name="rooms"/>.</summary>
    public BroadcastOperator Except(IEnumerable<string> rooms) => new(_nsp, _rooms, _except.Union(rooms), _flags);

    /// <summary>Gets an operator whose events are dropped for clients that cannot take them right now.</summary>
    public BroadcastOperator Volatile => new(_nsp, _rooms, _except, _flags with { Volatile = true });

    /// <summary>Gets an operator that acts on this node only, even with a scale-out adapter.</summary>
    public BroadcastOperator Local => new(_nsp, _rooms, _except, _flags with { Local = true });

    /// <summary>
    /// Returns an operator whose events, when <paramref name="compress"/> is false, are sent without per-message
    /// compression (<see cref="Engine.EngineIoOptions.PerMessageDeflate"/> for WebSocket; a polling response is not
    /// compressed when it holds only such packets), on this node and, through the adapter's flag, on the others.
    /// </summary>
    public BroadcastOperator Compress(bool compress) => new(_nsp, _rooms, _except, _flags with { Compress = compress });

    /// <summary>Returns an operator whose acknowledgements (and fetches across nodes) wait at most <paramref name="timeout"/>.</summary>
    public BroadcastOperator Timeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new(_nsp, _rooms, _except, _flags with { Timeout = timeout });
    }

    private BroadcastOptions Options => new(_rooms, _except, _flags);

    /// <summary>
    /// Sends an event to the selected sockets (on every node with a scale-out adapter); the packet is encoded once for
    /// all of them. The task completes once the event is queued to this node's sockets and handed to the adapter's bus;
    /// it faults when the bus fails (this node's sockets still get the event). Awaiting is optional: a failure nobody
    /// awaits is logged, never an unobserved task exception. Invalid arguments (a reserved event name, a value
    /// System.Text.Json cannot write) throw at once.
    /// </summary>
    public Task EmitAsync(string eventName, params object?[] args)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        var payload = OutboundPacket.Payload(_nsp.Server.Serializer, eventName, args);
        var options = Options;
        return _nsp.Server.AdapterFailures.Track(_nsp.ForEachTarget(target => target.Adapter.BroadcastAsync(payload, options)), "broadcast");
    }

    /// <summary>
    /// Sends an event to the selected sockets and collects one answer per socket that the event was queued to, on every
    /// node. Completes when every such socket answered; needs <see cref="Timeout"/>.
    /// </summary>
    /// <exception cref="BroadcastAckTimeoutException">Not every socket answered in time; it holds the answers that came.</exception>
    public Task<IReadOnlyList<SocketIoArguments>> EmitWithAckAsync(string eventName, params object?[] args)
    {
        AckArguments.ThrowIfCancellationToken(args);
        return EmitWithAckAsync(eventName, args, CancellationToken.None);
    }

    /// <summary>
    /// Like <see cref="EmitWithAckAsync(string, object?[])"/>, and stops waiting when <paramref name="cancellationToken"/>
    /// is cancelled: <c>await io.Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("poll", ["question"], cancellationToken)</c>.
    /// </summary>
    /// <exception cref="BroadcastAckTimeoutException">Not every socket answered in time; it holds the answers that came.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first; later answers are ignored.</exception>
    public async Task<IReadOnlyList<SocketIoArguments>> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        ArgumentNullException.ThrowIfNull(args);
        var timeout = _flags.Timeout ?? throw new InvalidOperationException(
            "A broadcast with acknowledgements needs a timeout: call Timeout(…) first, e.g. io.Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync(…).");
        cancellationToken.ThrowIfCancellationRequested();
        var collector = new AckCollector(_nsp);
        var timer = _nsp.Server.Timers.Schedule(timeout, static state => ((AckCollector)state!).Expire(), collector);
        collector.Timer = timer;
        using var cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((AckCollector)state!).Cancel(token), collector);

        var payload = OutboundPacket.Payload(_nsp.Server.Serializer, eventName, args);
        var options = Options;
        var servers = 0;
        try
        {
            foreach (var target in _nsp.BroadcastTargets)
            {
                await Namespace.WhenReady(target).ConfigureAwait(false);
                await target.Adapter.BroadcastWithAckAsync(payload, options, collector.OnClientCount, collector.OnAck, cancellationToken).ConfigureAwait(false);
                servers += await target.Adapter.ServerCountAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            timer.Cancel();
            throw;
        }

        collector.OnServerCount(servers);
        return await collector.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Describes the selected sockets (on every node with a scale-out adapter). A socket on this node is read directly
    /// (<see cref="RemoteSocket.Local"/>): nothing of it is serialized unless its JSON is read.
    /// </summary>
    /// <exception cref="Adapters.AdapterTimeoutException">Some node did not answer within the timeout (<see cref="Timeout"/>, else the adapter's).</exception>
    public async Task<IReadOnlyList<RemoteSocket>> FetchSocketsAsync(CancellationToken cancellationToken = default)
    {
        var found = new List<RemoteSocket>();
        var options = Options;
        foreach (var target in _nsp.BroadcastTargets)
        {
            await Namespace.WhenReady(target).ConfigureAwait(false);
            var fetched = await target.Adapter.FetchSocketsAsync(options, cancellationToken).ConfigureAwait(false);
            foreach (var id in fetched.LocalIds)
            {
                if (target.Sockets.TryGetValue(id, out var socket))
                {
                    found.Add(new RemoteSocket(target, socket, target.Adapter.SocketRooms(id)));
                }
            }

            foreach (var details in fetched.Remote)
            {
                found.Add(new RemoteSocket(target, details));
            }
        }

        return found;
    }

    /// <summary>Gets the ids of the selected sockets (on every node with a scale-out adapter).</summary>
    public async Task<IReadOnlySet<string>> AllSocketIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var options = Options;
        foreach (var target in _nsp.BroadcastTargets)
        {
            await Namespace.WhenReady(target).ConfigureAwait(false);
            var fetched = await target.Adapter.FetchSocketsAsync(options, cancellationToken).ConfigureAwait(false);
            ids.UnionWith(fetched.LocalIds);
            ids.UnionWith(fetched.Remote.Select(static s => s.Id));
        }

        return ids;
    }

    /// <summary>Makes the selected sockets join rooms (on every node). Awaiting is optional, as for <see cref="EmitAsync"/>.</summary>
    public Task SocketsJoinAsync(params string[] rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        var options = Options;
        return _nsp.Server.AdapterFailures.Track(_nsp.ForEachTarget(target => target.Adapter.AddSocketsAsync(options, rooms)), "sockets join");
    }

    /// <summary>Makes the selected sockets leave rooms (on every node). Awaiting is optional, as for <see cref="EmitAsync"/>.</summary>
    public Task SocketsLeaveAsync(params string[] rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        var options = Options;
        return _nsp.Server.AdapterFailures.Track(_nsp.ForEachTarget(target => target.Adapter.DelSocketsAsync(options, rooms)), "sockets leave");
    }

    /// <summary>
    /// Disconnects the selected sockets (on every node); with <paramref name="close"/>, their whole connections.
    /// Awaiting is optional, as for <see cref="EmitAsync"/>.
    /// </summary>
    public Task DisconnectSocketsAsync(bool close = false)
    {
        var options = Options;
        return _nsp.Server.AdapterFailures.Track(_nsp.ForEachTarget(target => target.Adapter.DisconnectSocketsAsync(options, close)), "disconnect sockets");
    }

    /// <summary>
    /// Gathers the answers of a broadcast with acknowledgements: complete once every node reported how many sockets it
    /// reached and that many answers arrived, or failed at the timeout with what came.
    /// </summary>
    private sealed class AckCollector(Namespace nsp)
    {
        private readonly Lock _lock = new();
        private readonly List<SocketIoArguments> _responses = [];
        private int _expectedClients;
        private int _reportedServers;
        private int _expectedServers = -1;
        private bool _done;

        public TaskCompletionSource<IReadOnlyList<SocketIoArguments>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TimerHandle? Timer { get; set; }

        public void OnClientCount(int count)
        {
            lock (_lock)
            {
                _expectedClients += count;
                _reportedServers++;
                CompleteIfDone();
            }
        }

        public void OnAck(AckResponse response)
        {
            lock (_lock)
            {
                _responses.Add(new SocketIoArguments([.. response.Arguments], response.Attachments, nsp.Server.Serializer));
                CompleteIfDone();
            }
        }

        public void OnServerCount(int count)
        {
            lock (_lock)
            {
                _expectedServers = count;
                CompleteIfDone();
            }
        }

        public void Cancel(CancellationToken token)
        {
            lock (_lock)
            {
                if (_done)
                {
                    return;
                }

                _done = true;
                Timer?.Cancel();
                Completion.TrySetCanceled(token);
            }
        }

        public void Expire()
        {
            lock (_lock)
            {
                if (_done)
                {
                    return;
                }

                _done = true;
                ServerTelemetry.AckTimedOut(nsp, "broadcast", _expectedClients - _responses.Count);
                Completion.TrySetException(new BroadcastAckTimeoutException([.. _responses], _expectedClients));
            }
        }

        private void CompleteIfDone()
        {
            if (!_done && _expectedServers == _reportedServers && _responses.Count == _expectedClients)
            {
                _done = true;
                Timer?.Cancel();
                Completion.TrySetResult([.. _responses]);
            }
        }
    }
}
