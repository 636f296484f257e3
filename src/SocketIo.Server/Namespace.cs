using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Protocol;
using SocketIo.Adapters;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;
using SocketIo.Server.Diagnostics;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

/// <summary>
/// A communication channel over the shared connection (<c>/</c>, <c>/admin</c>…): its own middleware, connection
/// handlers and sockets. Obtained from <see cref="SocketIoServer.Of(string)"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Socket.IO calls it a namespace; C# users never meet the Visual Basic keyword.")]
public partial class Namespace
{
    private readonly ConcurrentDictionary<string, Socket> _sockets = new(StringComparer.Ordinal);
    private ImmutableArray<Func<Socket, Func<Task>, Task>> _middleware = [];
    private ImmutableArray<Func<Socket, Task>> _connectionHandlers = [];
    private ImmutableArray<Func<Socket, Task>> _firstConnectionHandlers = [];

    private long _lastAckId = -1;

    /// <summary>Guards <see cref="_connectsInProgress"/> and <see cref="_removed"/>.</summary>
    private readonly Lock _membership = new();

    /// <summary>CONNECTs resolved to this namespace and not finished; an empty child is removed only when there are none.</summary>
    private int _connectsInProgress;

    /// <summary>This empty child was removed from its parent and the server; a connect resolves the name again.</summary>
    private bool _removed;

    /// <summary>The adapter; none for a dynamic parent, which never holds sockets (each child has its own).</summary>
    private readonly Adapter? _adapter;

    internal Namespace(SocketIoServer server, string name, ParentNamespace? parent, bool isDynamicParent = false)
    {
        Server = server;
        Name = name;
        Parent = parent;
        _adapter = isDynamicParent ? null : server.AdapterFactory.Create(new NamespaceAdapterHost(this));
    }

    /// <summary>Gets the adapter that keeps this namespace's rooms and carries its broadcasts.</summary>
    /// <exception cref="InvalidOperationException">This is a dynamic namespace (<see cref="ParentNamespace"/>): it holds no sockets, and each of its children has an adapter of its own.</exception>
    public Adapter Adapter => _adapter ?? throw new InvalidOperationException(
        "A dynamic namespace holds no sockets and has no adapter: each of its children (ParentNamespace.Children) has one.");

    /// <summary>Gets the namespace name, e.g. <c>/admin</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the server the namespace belongs to.</summary>
    public SocketIoServer Server { get; }

    /// <summary>Gets the dynamic namespace this one was created from, or <see langword="null"/>.</summary>
    public ParentNamespace? Parent { get; }

    /// <summary>Gets the connected sockets of this namespace, by id.</summary>
    public IReadOnlyDictionary<string, Socket> Sockets => _sockets;

    /// <summary>
    /// Adds middleware run for every socket that connects, in the order added (a parent's first). Throw
    /// <see cref="SocketIoConnectException"/> to refuse the connection: the client's <c>connect_error</c> gets its
    /// message and data, and later middleware does not run.
    /// </summary>
    /// <param name="middleware">Receives the socket and the continuation; call <c>await next()</c> to go on.</param>
    public Namespace Use(Func<Socket, Func<Task>, Task> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        ImmutableInterlocked.Update(ref _middleware, static (list, m) => list.Add(m), middleware);
        return this;
    }

    /// <summary>Runs <paramref name="handler"/> for every socket that connects, after its middleware passed.</summary>
    public Namespace OnConnection(Action<Socket> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnConnection(socket =>
        {
            handler(socket);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Runs <paramref name="handler"/> for every socket that connects. Register event handlers before the first
    /// <c>await</c>: events may arrive as soon as the client sees the connection.
    /// </summary>
    public Namespace OnConnection(Func<Socket, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _connectionHandlers, static (list, h) => list.Add(h), handler);
        return this;
    }

    /// <summary>
    /// Like <see cref="OnConnection(Action{Socket})"/>, but <paramref name="handler"/> runs before every connection
    /// handler added so far, a dynamic parent's included (Node's <c>prependListener("connection")</c>): for tools that
    /// must see a socket before the application's handlers act on it.
    /// </summary>
    public Namespace PrependConnection(Action<Socket> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _firstConnectionHandlers, static (list, h) => list.Insert(0, h), (Func<Socket, Task>)(socket =>
        {
            handler(socket);
            return Task.CompletedTask;
        }));
        return this;
    }

    /// <summary>The namespaces whose adapters a broadcast from here goes through: this one (a parent: its children).</summary>
    internal virtual IEnumerable<Namespace> BroadcastTargets => [this];

    /// <summary>Takes the next acknowledgement id; Node counts them per namespace, from 0.</summary>
    internal long NextAckId() => Interlocked.Increment(ref _lastAckId);

    internal ImmutableArray<Func<Socket, Func<Task>, Task>> Middleware
        => Parent is null ? _middleware : Parent.Middleware.AddRange(_middleware);

    /// <summary>Gets whether a CONNECT here runs middleware, a dynamic parent's included.</summary>
    internal bool HasMiddleware => !_middleware.IsEmpty || Parent is { HasMiddleware: true };

    internal ImmutableArray<Func<Socket, Task>> ConnectionHandlers
        => Parent is null
            ? _firstConnectionHandlers.AddRange(_connectionHandlers)
            : _firstConnectionHandlers.AddRange(Parent.ConnectionHandlers).AddRange(_connectionHandlers);

    /// <summary>
    /// Runs the middleware for a client's CONNECT and, when it passes, connects the socket: adds it, sends the CONNECT
    /// reply and starts the connection handlers. A refusal is returned, for the client to send. Measured and traced,
    /// middleware included. A value task: without asynchronous middleware a CONNECT completes synchronously, and then
    /// allocates no task for its outcome.
    /// </summary>
    internal async ValueTask<ConnectOutcome> ConnectAsync(Client client, JsonElement auth)
    {
        var telemetry = ServerTelemetry.StartConnect(this, client);
        var outcome = new ConnectOutcome(null, null, ConnectErrors.MiddlewareError);
        try
        {
            outcome = await ConnectCoreAsync(client, auth).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            ServerTelemetry.EndConnect(telemetry, outcome);
        }
    }

    private async ValueTask<ConnectOutcome> ConnectCoreAsync(Client client, JsonElement auth)
    {
        var handshake = new SocketHandshake(client.Connection.Request, auth, Server.TimeProvider.GetUtcNow());
        var restored = await TryRestoreAsync(client, auth).ConfigureAwait(false);
        var socket = restored is { } session
            ? Socket.Restore(this, client, handshake, session.Session)
            : new Socket(this, client, handshake, NewSocketId(client), NewPrivateId(client));

        // A recovered socket passed the middleware when it first connected.
        var skipMiddleware = socket.Recovered && Server.Options.ConnectionStateRecovery is { SkipMiddlewares: true } && client.Connection.IsOpen;
        var middleware = skipMiddleware ? [] : Middleware;
        try
        {
            if (!await MiddlewareChain.RunAsync(middleware, socket).ConfigureAwait(false))
            {
                if (Server.ClientLogs.Allow(LogLevel.Debug))
                {
                    Log.MiddlewareStopped(Server.Logger, Name);
                }

                return new(null, null, ConnectErrors.MiddlewareStopped);
            }
        }
        catch (SocketIoConnectException refusal)
        {
            if (Server.ClientLogs.Allow(LogLevel.Debug))
            {
                Log.ConnectionRefused(Server.Logger, Name, refusal.Message);
            }

            return new(null, ConnectError(client.Parser, Name, refusal.Message, refusal.Data, Server.Serializer, client.Protocol), ConnectErrors.Refused);

        }
#pragma warning disable CA1031 // An unexpected middleware failure refuses the connection without leaking details.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (Server.ClientLogs.Allow(LogLevel.Error))
            {
                Log.MiddlewareFailed(Server.Logger, Name, e);
            }

            return new(null, ConnectError(client.Parser, Name, "Internal server error", data: null, Server.Serializer, client.Protocol), ConnectErrors.MiddlewareError);

        }

        // A socket of this client that left before (a quick reconnect) finishes its close first: its leaving the rooms
        // must not undo this one's joins, and a 2.x client's socket ids repeat (they derive from the session id).
        await client.WhenLifecycleIdleAsync().ConfigureAwait(false);
        if (restored is not null)
        {
            await WhenPreviousSessionClosedAsync(socket.Id).ConfigureAwait(false);
        }

        _sockets[socket.Id] = socket;
        if (restored is null)
        {
            Adapter.AddAll(socket.Id, [socket.Id]);
        }
        else if (!await ResumeAsync(socket, restored.Value, client).ConfigureAwait(false))
        {
            return default;
        }

        socket.MarkConnected();
        if (!client.TryAdd(socket, out var closedReason))
        {
            socket.OnClose(closedReason!);
            return default;
        }

        // Protocol v4's CONNECT reply has no payload: the 2.x client derives the socket id itself. Written on this
        // thread, which holds no lock and runs no user code here: waking the writer on another thread would cost a
        // thread hop (a parked thread's wake-up when the server is quiet) per connection.
        client.SendAndWrite(client.Protocol == SocketIoProtocolVersion.V4
            ? OutboundPacket.Control(client.Parser, SocketIoPacketType.Connect, Name)
            : OutboundPacket.ConnectReply(client.Parser, Name, socket.Id, socket.PrivateId));

        foreach (var handler in ConnectionHandlers)
        {
            // Not awaited: a handler that awaits the client (an acknowledgement, say) must not hold up the
            // connection's incoming packets. Its synchronous part, where event handlers are registered, runs now.
            Observe(InvokeConnectionHandler(handler, socket));
        }

        return new(socket, null);
    }

    /// <summary>Takes a disconnecting socket out at once: no broadcast reaches it from now on.</summary>
    internal void Detach(Socket socket) => _sockets.TryRemove(new KeyValuePair<string, Socket>(socket.Id, socket));

    /// <summary>
    /// Counts a CONNECT in; fails when this child was removed meanwhile, and the caller resolves the name again. While
    /// a connect is counted, the namespace stays (<see cref="RemoveIfEmpty"/>).
    /// </summary>
    internal bool TryBeginConnect()
    {
        lock (_membership)
        {
            if (_removed)
            {
                return false;
            }

            _connectsInProgress++;
            return true;
        }
    }

    /// <summary>Counts a CONNECT out, connected or refused.</summary>
    internal void EndConnect()
    {
        lock (_membership)
        {
            _connectsInProgress--;
        }

        RemoveIfEmpty();
    }

    /// <summary>
    /// Removes this child namespace from its parent and the server when cleanup is on, it has no socket and no
    /// connect is in progress; a connect and the removal exclude each other, so no socket lands in a removed child.
    /// </summary>
    internal void RemoveIfEmpty()
    {
        if (Parent is null || !Server.Options.CleanupEmptyChildNamespaces)
        {
            return;
        }

        lock (_membership)
        {
            if (_removed || _connectsInProgress > 0 || !_sockets.IsEmpty)
            {
                return;
            }

            _removed = true;
        }

        Server.RemoveChild(Parent, this);
    }

    /// <summary>
    /// The CONNECT_ERROR refusing a connection: <c>{"message":…,"data":…}</c>; for a protocol v4 client (2.x) the data
    /// when it is truthy, else the message as a string, which its <c>error</c> event receives. An unknown namespace is
    /// refused with the object form whatever the protocol, as the Node server does. Binary in the data is written as
    /// Node's <c>{"type":"Buffer","data":[…]}</c>: a refusal carries no attachments.
    /// </summary>
    internal static EngineFrame[] ConnectError(ISocketIoParser parser, string nsp, string message, object? data, SocketIoSerializer serializer, SocketIoProtocolVersion protocol = SocketIoProtocolVersion.V5)
    {
        JsonElement? dataElement = data is null ? null : ToJsonElement(data, serializer);
        return OutboundPacket.Control(
            parser,
            SocketIoPacketType.ConnectError,
            nsp,
            static (w, refusal) => ConnectErrorPayload.WriteRefusal(w, refusal.protocol, refusal.message, refusal.dataElement),
            (protocol, message, dataElement));
    }

    /// <summary>
    /// A new socket's id: 20 random characters; for a protocol v4 client (2.x) the Engine.IO session id on <c>/</c> and
    /// <c>&lt;namespace&gt;#&lt;session id&gt;</c> elsewhere, the id that client computes for itself.
    /// </summary>
    private string NewSocketId(Client client)
    {
        if (client.Protocol != SocketIoProtocolVersion.V4)
        {
            return RandomIds.Create();
        }

        return Name == "/" ? client.Connection.Id : Name + "#" + client.Connection.Id;
    }

    private static JsonElement ToJsonElement(object data, SocketIoSerializer serializer)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, SocketIoJson.WriterOptions))
        {
            ArgumentWriter.WriteStandalone(writer, data, serializer);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static Task InvokeConnectionHandler(Func<Socket, Task> handler, Socket socket)
    {
        try
        {
            return handler(socket);
        }
#pragma warning disable CA1031 // A connection handler's failure is logged; the socket stays connected.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException(e);
        }
    }

    private void Observe(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        task.ContinueWith(
            static (t, state) =>
            {
                var nsp = (Namespace)state!;
                if (nsp.Server.ClientLogs.Allow(LogLevel.Error))
                {
                    Log.ConnectionHandlerFailed(nsp.Server.Logger, nsp.Name, t.Exception!);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Debug, "A connection to {Namespace} was refused by middleware: {Message}.")]
        public static partial void ConnectionRefused(ILogger logger, string @namespace, string message);

        [LoggerMessage(201, LogLevel.Error, "Middleware of {Namespace} threw; the connection was refused.")]
        public static partial void MiddlewareFailed(ILogger logger, string @namespace, Exception exception);

        [LoggerMessage(202, LogLevel.Debug, "Middleware of {Namespace} returned without calling next(); the socket does not connect.")]
        public static partial void MiddlewareStopped(ILogger logger, string @namespace);

        [LoggerMessage(203, LogLevel.Error, "A connection handler of {Namespace} threw.")]
        public static partial void ConnectionHandlerFailed(ILogger logger, string @namespace, Exception exception);
    }
}
