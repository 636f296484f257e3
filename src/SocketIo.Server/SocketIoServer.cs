using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocketIo.Adapters;
using SocketIo.Engine;
using SocketIo.Protocol;
using SocketIo.Protocol.Parsers;
using SocketIo.Server.Diagnostics;
using SocketIo.Server.Internal;
using SocketIo.Server.Internal.Binding;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace SocketIo.Server;

/// <summary>
/// The Socket.IO server: its namespaces, and the default namespace <c>/</c> directly (<see cref="Use"/>,
/// <see cref="OnConnection(Action{Socket})"/>, <see cref="EmitAsync"/>). Registered as a singleton by
/// <c>AddSocketIo()</c>: inject it anywhere (a controller, a background service) to send.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The stopping token source is cancelled, never disposed: listeners may read the token after the server stopped, and it owns no timer.")]
public sealed partial class SocketIoServer
{
    private readonly ConcurrentDictionary<string, Namespace> _namespaces = new(StringComparer.Ordinal);

    /// <summary>Guards creating and removing namespaces, so each name gets one namespace object and one adapter.</summary>
    private readonly Lock _namespacesLock = new();

    /// <summary>Cancelled when the host stops.</summary>
    private readonly CancellationTokenSource _stopping = new();

    private ImmutableArray<ParentNamespace> _parents = [];

    /// <summary>Set (under <see cref="_namespacesLock"/>) once the adapters were closed for the host's stop.</summary>
    private bool _stopped;

    internal SocketIoServer(IOptions<SocketIoOptions> options, ILoggerFactory loggerFactory, IAdapterFactory? adapterFactory = null, IServiceProvider? services = null)
    {
        AdapterFactory = adapterFactory ?? new InMemoryAdapterFactory();
        Options = options.Value;
        Parser = Options.Parser;
        Serializer = new SocketIoSerializer(Options.JsonSerializerOptions);
        ServiceScopes = services?.GetService<IServiceScopeFactory>();
        Binders = new ParameterBinders(Serializer, ServiceScopes is null ? null : services!.GetService<IServiceProviderIsService>());
        Logger = loggerFactory.CreateLogger<SocketIoServer>();
        AdapterLogger = loggerFactory.CreateLogger("SocketIo.Adapters.Adapter");
        AdapterFailures = new AdapterFailureLog(Logger);
        EngineHandler = new ClientFactory(this);
        Timers = new TimerLoop(Options.TimeProvider, loggerFactory.CreateLogger<TimerLoop>());
        ClientLogs = new ClientLogThrottle(Logger, Timers);
        Sockets = Of("/");
        ServerTelemetry.Register(this);
    }

    /// <summary>Gets the default namespace, <c>/</c>.</summary>
    public Namespace Sockets { get; }

    /// <summary>Gets the namespaces that exist now (static ones and children of dynamic ones), by name.</summary>
    public IReadOnlyDictionary<string, Namespace> Namespaces => _namespaces;

    /// <summary>
    /// Gets this server's id in a cluster (Node's adapter <c>uid</c>): 16 random lower-case hex characters, new for each
    /// server object. Adapters put it in what they send to other nodes.
    /// </summary>
    public string ServerId { get; } = RandomIds.CreateHex(8);

    internal SocketIoOptions Options { get; }

    internal IAdapterFactory AdapterFactory { get; }

    internal ILogger Logger { get; }

    /// <summary>The logger adapters write to.</summary>
    internal ILogger AdapterLogger { get; }

    /// <summary>Logs failed cluster operations, awaited or not.</summary>
    internal AdapterFailureLog AdapterFailures { get; }

    /// <summary>Cancelled when the host stops (server-side listeners' <see cref="CancellationToken"/>).</summary>
    internal CancellationToken Stopping => _stopping.Token;

    internal TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>The parser every connection decodes with and every outbound packet is encoded with, fixed at construction.</summary>
    internal ISocketIoParser Parser { get; }

    /// <summary>The serializer of event arguments, from <see cref="SocketIoOptions.JsonSerializerOptions"/>, fixed at construction.</summary>
    internal SocketIoSerializer Serializer { get; }

    /// <summary>Creates the scope of each event whose handler takes services; none outside dependency injection.</summary>
    internal IServiceScopeFactory? ServiceScopes { get; }

    /// <summary>How this server binds handler parameters, chosen once per type.</summary>
    internal ParameterBinders Binders { get; }

    internal IEngineIoHandler EngineHandler { get; }

    /// <summary>The server's one timer loop (heartbeats, connect timeouts, ack expiry), shared with the engine.</summary>
    internal TimerLoop Timers { get; }

    /// <summary>Bounds the log lines clients can cause, for the whole server.</summary>
    internal ClientLogThrottle ClientLogs { get; }

    /// <summary>The Engine.IO server <c>MapSocketIo()</c> mapped for this server; null until then (the health check reads it).</summary>
    internal EngineIoServer? Endpoint { get; set; }

    /// <summary>Gets (creating it if needed) the namespace of this name; a missing leading <c>/</c> is added.</summary>
    public Namespace Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith('/'))
        {
            name = "/" + name;
        }

        return GetOrCreate(name, parent: null);
    }

    /// <summary>Creates a dynamic namespace: a child is created for each connecting name that matches <paramref name="pattern"/>.</summary>
    public ParentNamespace Of(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return AddParent((name, _) => ValueTask.FromResult(pattern.IsMatch(name)));
    }

    /// <summary>
    /// Creates a dynamic namespace: a child is created for each connecting name the predicate accepts. The predicate
    /// receives the name and the client's CONNECT payload.
    /// </summary>
    public ParentNamespace Of(Func<string, JsonElement, ValueTask<bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return AddParent(predicate);
    }

    /// <summary>Adds middleware to the default namespace; see <see cref="Namespace.Use"/>.</summary>
    public SocketIoServer Use(Func<Socket, Func<Task>, Task> middleware)
    {
        Sockets.Use(middleware);
        return this;
    }

    /// <summary>Handles connections to the default namespace; see <see cref="Namespace.OnConnection(Action{Socket})"/>.</summary>
    public SocketIoServer OnConnection(Action<Socket> handler)
    {
        Sockets.OnConnection(handler);
        return this;
    }

    /// <summary>Handles connections to the default namespace; see <see cref="Namespace.OnConnection(Func{Socket, Task})"/>.</summary>
    public SocketIoServer OnConnection(Func<Socket, Task> handler)
    {
        Sockets.OnConnection(handler);
        return this;
    }

    /// <summary>Sends an event to every socket of the default namespace; see <see cref="BroadcastOperator.EmitAsync"/>.</summary>
    public Task EmitAsync(string eventName, params object?[] args) => Sockets.EmitAsync(eventName, args);

    /// <summary>Selects the sockets of <c>/</c> in <paramref name="room"/>; see <see cref="BroadcastOperator"/>.</summary>
    public BroadcastOperator To(string room) => Sockets.To(room);

    /// <summary>Selects the sockets of <c>/</c> in any of <paramref name="rooms"/>.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => Sockets.To(rooms);

    /// <summary>The same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => Sockets.To(room);

    /// <summary>Selects every socket of <c>/</c> except those in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => Sockets.Except(room);

    /// <summary>Gets an operator on <c>/</c> whose events may be dropped for clients that cannot take them now.</summary>
    public BroadcastOperator Volatile => Sockets.Volatile;

    /// <summary>Gets an operator on the sockets of <c>/</c> on this node only.</summary>
    public BroadcastOperator Local => Sockets.Local;

    /// <summary>Returns an operator on <c>/</c> whose acknowledgements wait at most <paramref name="timeout"/>.</summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => Sockets.Timeout(timeout);

    /// <summary>Describes every socket of <c>/</c>.</summary>
    public Task<IReadOnlyList<RemoteSocket>> FetchSocketsAsync(CancellationToken cancellationToken = default) => Sockets.FetchSocketsAsync(cancellationToken);

    /// <summary>Makes every socket of <c>/</c> join rooms.</summary>
    public Task SocketsJoinAsync(params string[] rooms) => Sockets.SocketsJoinAsync(rooms);

    /// <summary>Makes every socket of <c>/</c> leave rooms.</summary>
    public Task SocketsLeaveAsync(params string[] rooms) => Sockets.SocketsLeaveAsync(rooms);

    /// <summary>Disconnects every socket of <c>/</c>; with <paramref name="close"/>, their connections too.</summary>
    public Task DisconnectSocketsAsync(bool close = false) => Sockets.DisconnectSocketsAsync(close);

    /// <summary>Gets every room of <c>/</c> on every node; see <see cref="Namespace.AllRoomsAsync"/>.</summary>
    public Task<IReadOnlySet<string>> AllRoomsAsync(CancellationToken cancellationToken = default) => Sockets.AllRoomsAsync(cancellationToken);

    /// <summary>Sends an event to the server-side listeners of <c>/</c> on the other nodes; see <see cref="Namespace.ServerSideEmitAsync"/>.</summary>
    public Task ServerSideEmitAsync(string eventName, params object?[] args) => Sockets.ServerSideEmitAsync(eventName, args);

    /// <summary>Sends an event to the other nodes' server-side listeners of <c>/</c> and collects one answer per node; see <see cref="Namespace.ServerSideEmitWithAckAsync"/>.</summary>
    public Task<IReadOnlyList<SocketIoArguments>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
        => Sockets.ServerSideEmitWithAckAsync(eventName, timeout, args);

    /// <summary>Handles server-side events other nodes send to <c>/</c>; see <see cref="Namespace.OnServerSideEmit(string, Delegate)"/>.</summary>
    [RequiresDynamicCode(ReflectionBinding.DynamicCode)]
    [RequiresUnreferencedCode(ReflectionBinding.UnreferencedCode)]
    public SocketIoServer OnServerSideEmit(string eventName, Delegate handler)
    {
        Sockets.OnServerSideEmit(eventName, handler);
        return this;
    }

    /// <summary>Registers on <c>/</c>: the typed overloads of <see cref="Namespace.OnServerSideEmit(string, Delegate)"/> bind once, there.</summary>
    private SocketIoServer AddServerSideHandler(string eventName, Delegate original, BoundHandler handler)
    {
        Sockets.AddServerSideHandler(eventName, original, handler);
        return this;
    }

    /// <summary>
    /// Gets whether a CONNECT to <paramref name="name"/> runs no user code before its socket connects: the namespace
    /// exists (no dynamic namespace's predicate to ask) and has no connect middleware.
    /// </summary>
    internal bool ConnectsWithoutMiddleware(string name) => _namespaces.TryGetValue(name, out var nsp) && !nsp.HasMiddleware;

    /// <summary>Finds the namespace a CONNECT names: an existing one, else a new child of the first dynamic namespace that matches.</summary>
    internal async ValueTask<Namespace?> ResolveAsync(string name, JsonElement auth)
    {
        if (_namespaces.TryGetValue(name, out var existing))
        {
            await Namespace.WhenReady(existing).ConfigureAwait(false);
            return existing;
        }

        foreach (var parent in _parents)
        {
            if (await parent.MatchesAsync(name, auth).ConfigureAwait(false))
            {
                var child = GetOrCreate(name, parent);
                await Namespace.WhenReady(child).ConfigureAwait(false);
                return child;
            }
        }

        return null;
    }

    /// <summary>Removes an empty dynamic child and closes its adapter (in the background; a failure is logged).</summary>
    internal void RemoveChild(ParentNamespace parent, Namespace child)
    {
        bool removed;
        lock (_namespacesLock)
        {
            parent.RemoveChild(child);
            removed = _namespaces.TryRemove(new KeyValuePair<string, Namespace>(child.Name, child));
        }

        if (removed)
        {
            _ = child.CloseAdapterAsync();
        }
    }

    /// <summary>Waits until the adapters of the namespaces that exist now are initialised (the host's start).</summary>
    internal Task StartAsync(CancellationToken cancellationToken)
        => Task.WhenAll(_namespaces.Values.Select(static n => n.AdapterReady)).WaitAsync(cancellationToken);

    /// <summary>
    /// Closes every namespace's adapter once (the host's stop). Sockets may still be connected: their local operations
    /// keep working. A namespace created afterwards has its adapter closed as soon as it starts.
    /// </summary>
    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        Namespace[] all;
        lock (_namespacesLock)
        {
            _stopped = true;
            all = [.. _namespaces.Values];
        }

        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A listener's token callback that throws must not stop the adapters from closing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.StoppingCallbackFailed(Logger, e);
        }

        await Task.WhenAll(all.Select(static n => n.CloseAdapterAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the namespace of this name, creating it when missing: under a lock, so each name gets exactly one
    /// namespace object and one adapter, whose start begins once it is registered.
    /// </summary>
    private Namespace GetOrCreate(string name, ParentNamespace? parent)
    {
        if (_namespaces.TryGetValue(name, out var existing))
        {
            return existing;
        }

        Namespace created;
        bool stopped;
        lock (_namespacesLock)
        {
            if (_namespaces.TryGetValue(name, out existing))
            {
                return existing;
            }

            created = new Namespace(this, name, parent);
            parent?.AddChild(created);
            _namespaces[name] = created;
            stopped = _stopped;
        }

        // Before the adapter starts: until it is ready no socket connects, so the subscribers see the first one.
        RaiseNamespaceCreated(created);
        created.StartAdapter();
        if (stopped)
        {
            _ = created.CloseAdapterAsync();
        }

        return created;
    }

    private ParentNamespace AddParent(Func<string, JsonElement, ValueTask<bool>> predicate)
    {
        var parent = new ParentNamespace(this, predicate);
        ImmutableInterlocked.Update(ref _parents, static (list, p) => list.Add(p), parent);
        return parent;
    }

    private static partial class Log
    {
        [LoggerMessage(420, LogLevel.Error, "A callback of the server's stopping token threw.")]
        public static partial void StoppingCallbackFailed(ILogger logger, Exception exception);
    }

    /// <summary>Gives each new Engine.IO session its Socket.IO client; a 2.x client (Engine.IO v3) is joined to <c>/</c> at once.</summary>
    private sealed class ClientFactory(SocketIoServer server) : IEngineIoHandler
    {
        public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection)
        {
            var client = new Client(server, connection);
            if (client.Protocol == Protocol.Packets.SocketIoProtocolVersion.V4)
            {
                client.JoinDefaultNamespace();
            }

            return client;
        }
    }
}
