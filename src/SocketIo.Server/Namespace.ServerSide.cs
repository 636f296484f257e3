using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Protocol.Packets;
using SocketIo.Server.Internal;
using SocketIo.Server.Internal.Binding;
using System.Diagnostics.CodeAnalysis;

namespace SocketIo.Server;

/// <summary>
/// Server-side events between the nodes of a cluster: sent with <see cref="ServerSideEmitAsync"/>, received by the
/// listeners of <see cref="OnServerSideEmit(string, Delegate)"/> on every other node (Node's <c>serverSideEmit</c> and
/// <c>io.on(event)</c>).
/// </summary>
public partial class Namespace
{
    private ImmutableDictionary<string, ImmutableArray<BoundHandler>> _serverSideHandlers =
        ImmutableDictionary<string, ImmutableArray<BoundHandler>>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Starts server-side listeners in arrival order, off the adapter's thread.</summary>
    private readonly OrderedStarter _serverSideDispatch = new();

    /// <summary>
    /// Handles an event another node of the cluster sends this namespace with <see cref="ServerSideEmitAsync"/> or
    /// <see cref="ServerSideEmitWithAckAsync"/> (this node's own emits never reach it), with any delegate bound through
    /// reflection: prefer the typed overloads (<c>OnServerSideEmit&lt;T1, …&gt;</c>), which a lambda with typed
    /// parameters picks by itself and which work with Native AOT.
    /// </summary>
    /// <remarks>
    /// The handler's parameters bind from the event's arguments as in <see cref="Socket.On(string, Delegate)"/>; a
    /// <see cref="CancellationToken"/> parameter is cancelled when the server stops; a <see cref="Socket"/> parameter is
    /// not allowed (there is none). When the emitter waits for answers, the handler's return value (or its
    /// <see cref="SocketIoAck"/>) is this node's answer: only the first answer of all the handlers counts, and only its
    /// first argument crosses nodes. Handlers run on the thread pool, started in the order the events arrived. Handlers
    /// added to a dynamic namespace serve every child.
    /// </remarks>
    /// <param name="eventName">The event name.</param>
    /// <param name="handler">Any delegate, e.g. a method group.</param>
    /// <returns>This namespace.</returns>
    /// <exception cref="ArgumentException">The handler takes a <see cref="Socket"/>, or a parameter cannot be bound.</exception>
    [RequiresDynamicCode(ReflectionBinding.DynamicCode)]
    [RequiresUnreferencedCode(ReflectionBinding.UnreferencedCode)]
    public Namespace OnServerSideEmit(string eventName, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddServerSideHandler(eventName, handler, ReflectionHandlerBinding.Create(Binders, handler, once: false));
    }

    /// <summary>Removes every server-side listener of an event.</summary>
    public Namespace OffServerSideEmit(string eventName)
    {
        ImmutableInterlocked.TryRemove(ref _serverSideHandlers, eventName, out _);
        return this;
    }

    /// <summary>
    /// Sends an event to this namespace's server-side listeners on the other nodes of a cluster (never to this node's).
    /// With the in-memory adapter there are no other nodes, so it reaches nobody. A failure of the adapter's bus
    /// faults the task, and is logged even when nobody awaits it.
    /// </summary>
    public Task ServerSideEmitAsync(string eventName, params object?[] args)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        var payload = OutboundPacket.Payload(Server.Serializer, eventName, args);
        return Server.AdapterFailures.Track(ForEachTarget(target => target.Adapter.ServerSideEmitAsync(payload)), "server-side emit");
    }

    /// <summary>
    /// Sends an event to the other nodes' server-side listeners and collects one answer per node (its first argument);
    /// with the in-memory adapter it completes at once with none.
    /// </summary>
    /// <exception cref="BroadcastAckTimeoutException">Not every node answered within <paramref name="timeout"/>; it holds the answers that came.</exception>
    public async Task<IReadOnlyList<SocketIoArguments>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var payload = OutboundPacket.Payload(Server.Serializer, eventName, args);
        var answers = new List<SocketIoArguments>();
        foreach (var target in BroadcastTargets)
        {
            await WhenReady(target).ConfigureAwait(false);
            try
            {
                answers.AddRange((await target.Adapter.ServerSideEmitWithAckAsync(payload, timeout).ConfigureAwait(false)).Select(ToArguments));
            }
            catch (AdapterTimeoutException e)
            {
                answers.AddRange(e.Responses.Select(ToArguments));
                throw new BroadcastAckTimeoutException(
                    $"Server-side emit acknowledgement timed out: {e.Received} of {e.Expected} nodes answered.", answers, e);
            }
        }

        return answers;
    }

    /// <summary>An event from another node: parsed here, its listeners started in arrival order off this thread.</summary>
    internal void ReceiveServerSideEmit(PacketPayload packet, Action<AckResponse>? ack)
    {
        AckResponse parsed;
        try
        {
            parsed = AckResponse.FromPayload(packet);
        }
        catch (JsonException e)
        {
            ServerSideLog.Malformed(Server.Logger, Name, e.Message);
            return;
        }

        if (parsed.Arguments is not [{ ValueKind: JsonValueKind.String } name, ..])
        {
            ServerSideLog.Malformed(Server.Logger, Name, "the payload does not start with the event name");
            return;
        }

        var eventName = name.GetString()!;
        var args = new SocketIoArguments([.. parsed.Arguments.Skip(1)], parsed.Attachments, Server.Serializer);
        _serverSideDispatch.Start(() => DispatchServerSideAsync(eventName, args, ack));
    }

    /// <summary>The binders of this server, which the typed overloads bind their parameters with.</summary>
    private ParameterBinders Binders => Server.Binders;

    internal Namespace AddServerSideHandler(string eventName, Delegate original, BoundHandler handler)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(original);
        if (handler.TakesSocket)
        {
            throw new ArgumentException("A server-side listener has no socket: remove the Socket parameter.", nameof(original));
        }

        ImmutableInterlocked.AddOrUpdate(ref _serverSideHandlers, eventName, [handler], (_, existing) => existing.Add(handler));
        return this;
    }

    private ImmutableArray<BoundHandler> ServerSideHandlers(string eventName)
    {
        var own = _serverSideHandlers.GetValueOrDefault(eventName, []);
        return Parent is null ? own : Parent.ServerSideHandlers(eventName).AddRange(own);
    }

    private async Task DispatchServerSideAsync(string eventName, SocketIoArguments args, Action<AckResponse>? ack)
    {
        var handlers = ServerSideHandlers(eventName);
        if (handlers.IsEmpty)
        {
            ServerSideLog.NoHandler(Server.Logger, Name, eventName);
            return;
        }

        var answer = ack is null ? SocketIoAck.NotRequested : new SocketIoAck(values => ack(AckResponse.FromPayload(OutboundPacket.Payload(Server.Serializer, eventName: null, values))));
        var context = new HandlerContext(socket: null, args, answer, Server);
        foreach (var handler in handlers)
        {
            try
            {
                await handler.InvokeAsync(context).ConfigureAwait(false);
            }
            catch (ArgumentBindingException e)
            {
                ServerSideLog.ArgumentsDidNotBind(Server.Logger, Name, eventName, e.Message);
            }
#pragma warning disable CA1031 // A listener's failure is logged; the other listeners still run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ServerSideLog.HandlerFailed(Server.Logger, Name, eventName, e);
            }
        }
    }

    private SocketIoArguments ToArguments(AckResponse response) => new([.. response.Arguments], response.Attachments, Server.Serializer);

    /// <summary>Runs an operation on the adapter of each namespace a broadcast from here goes through; every one is tried.</summary>
    internal async Task ForEachTarget(Func<Namespace, ValueTask> operation)
    {
        List<Exception>? failures = null;
        foreach (var target in BroadcastTargets)
        {
            try
            {
                await WhenReady(target).ConfigureAwait(false);
                await operation(target).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Collected and rethrown once every target was tried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is [var only])
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(only);
        }

        if (failures is not null)
        {
            throw new AggregateException(failures);
        }
    }

    private static partial class ServerSideLog
    {
        [LoggerMessage(220, LogLevel.Debug, "A server-side emit of '{EventName}' reached {Namespace}, which has no listener for it.")]
        public static partial void NoHandler(ILogger logger, string @namespace, string eventName);

        [LoggerMessage(221, LogLevel.Warning, "{Namespace}: the arguments of the server-side event '{EventName}' do not fit the listener's parameters: {Problem}")]
        public static partial void ArgumentsDidNotBind(ILogger logger, string @namespace, string eventName, string problem);

        [LoggerMessage(222, LogLevel.Error, "{Namespace}: a listener of the server-side event '{EventName}' threw.")]
        public static partial void HandlerFailed(ILogger logger, string @namespace, string eventName, Exception exception);

        [LoggerMessage(223, LogLevel.Warning, "{Namespace} received a malformed server-side emit ({Reason}); ignored.")]
        public static partial void Malformed(ILogger logger, string @namespace, string reason);
    }
}
