using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocketIo.Adapters;
using SocketIo.Engine;

namespace SocketIo.Server;

/// <summary>
/// The Socket.IO server: its namespaces, and the default namespace <c>/</c> directly (<see cref="Use"/>,
/// <see cref="OnConnection(Action{Socket})"/>, <see cref="Emit"/>). Registered as a singleton by
/// <c>AddSocketIo()</c>: inject it anywhere (a controller, a background service) to send.
/// </summary>
public sealed partial class SocketIoServer
{
    private readonly ConcurrentDictionary<string, Namespace> _namespaces = new(StringComparer.Ordinal);
    private ImmutableArray<ParentNamespace> _parents = [];

    internal SocketIoServer(IOptions<SocketIoOptions> options, ILoggerFactory loggerFactory, IAdapterFactory? adapterFactory = null)
    {
        AdapterFactory = adapterFactory ?? new InMemoryAdapterFactory();
        Options = options.Value;
        Logger = loggerFactory.CreateLogger<SocketIoServer>();
        EngineHandler = new ClientFactory(this);
        Timers = new TimerLoop(Options.TimeProvider, loggerFactory.CreateLogger<TimerLoop>());
        Sockets = Of("/");
    }

    /// <summary>Gets the default namespace, <c>/</c>.</summary>
    public Namespace Sockets { get; }

    /// <summary>Gets the namespaces that exist now (static ones and children of dynamic ones), by name.</summary>
    public IReadOnlyDictionary<string, Namespace> Namespaces => _namespaces;

    internal SocketIoOptions Options { get; }

    internal IAdapterFactory AdapterFactory { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider => Options.TimeProvider;

    internal IEngineIoHandler EngineHandler { get; }

    /// <summary>The server's one timer loop (heartbeats, connect timeouts, ack expiry), shared with the engine.</summary>
    internal TimerLoop Timers { get; }

    /// <summary>Gets (creating it if needed) the namespace of this name; a missing leading <c>/</c> is added.</summary>
    public Namespace Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith('/'))
        {
            name = "/" + name;
        }

        return _namespaces.GetOrAdd(name, static (n, server) => new Namespace(server, n, parent: null), this);
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

    /// <summary>Sends an event to every socket of the default namespace.</summary>
    public void Emit(string eventName, params object?[] args) => Sockets.Emit(eventName, args);

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
    public void SocketsJoin(params string[] rooms) => Sockets.SocketsJoin(rooms);

    /// <summary>Makes every socket of <c>/</c> leave rooms.</summary>
    public void SocketsLeave(params string[] rooms) => Sockets.SocketsLeave(rooms);

    /// <summary>Disconnects every socket of <c>/</c>; with <paramref name="close"/>, their connections too.</summary>
    public void DisconnectSockets(bool close = false) => Sockets.DisconnectSockets(close);

    /// <summary>Sends an event to the server-side listeners of the other nodes; see <see cref="Namespace.ServerSideEmit"/>.</summary>
    public void ServerSideEmit(string eventName, params object?[] args) => Sockets.ServerSideEmit(eventName, args);

    /// <summary>Finds the namespace a CONNECT names: an existing one, else a new child of the first dynamic namespace that matches.</summary>
    internal async ValueTask<Namespace?> ResolveAsync(string name, JsonElement auth)
    {
        if (_namespaces.TryGetValue(name, out var existing))
        {
            return existing;
        }

        foreach (var parent in _parents)
        {
            if (await parent.MatchesAsync(name, auth).ConfigureAwait(false))
            {
                var child = parent.CreateChild(name);
                return _namespaces.GetOrAdd(name, child);
            }
        }

        return null;
    }

    internal void RemoveChild(ParentNamespace parent, Namespace child)
    {
        parent.RemoveChild(child);
        _namespaces.TryRemove(new KeyValuePair<string, Namespace>(child.Name, child));
    }

    private ParentNamespace AddParent(Func<string, JsonElement, ValueTask<bool>> predicate)
    {
        var parent = new ParentNamespace(this, predicate);
        ImmutableInterlocked.Update(ref _parents, static (list, p) => list.Add(p), parent);
        return parent;
    }

    /// <summary>Gives each new Engine.IO session its Socket.IO client.</summary>
    private sealed class ClientFactory(SocketIoServer server) : IEngineIoHandler
    {
        public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection) => new Client(server, connection);
    }
}
