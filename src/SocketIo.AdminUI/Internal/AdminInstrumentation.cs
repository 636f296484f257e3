using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Server;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// The server side of the Admin UI (Node's <c>instrument()</c>), in four parts: the admin namespace with its login and
/// the UI's commands (<c>.Commands</c>); in development mode, every namespace's sockets, rooms and events as they
/// happen (<c>.SocketEvents</c>); the server stats every few seconds (<c>.Stats</c>); and the Engine.IO traffic counts
/// beneath (<see cref="EngineTraffic"/>). Everything goes to the UI as broadcasts on the admin namespace, so with a
/// cluster adapter every node's admins see every node. Hooks run on the thread of what they observe, never wait, and
/// return at once while nobody watches (<see cref="AdminPresence"/>); the stats run on their own timer, not the
/// server's timer loop.
/// </summary>
internal sealed partial class AdminInstrumentation : IAsyncDisposable
{
    private readonly SocketIoServer _io;
    private readonly AdminSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Namespace _admin;
    private readonly AdminPresence _presence;

    /// <summary>The login check; <see langword="null"/> when anonymous access was chosen.</summary>
    private readonly AdminAuthentication? _authentication;

    /// <summary>What the <c>config</c> event announces: the commands unless read-only, then the kinds of events sent.</summary>
    private readonly string[] _features;

    /// <summary>The namespaces already instrumented (weakly: a removed dynamic child must not be kept alive).</summary>
    private readonly ConditionalWeakTable<Namespace, object> _instrumented = [];

    /// <summary>Each watched socket's transport and data as the UI last saw them, to send <c>socket_updated</c> on a change.</summary>
    private readonly ConcurrentDictionary<Socket, string> _lastSeen = new();

    /// <summary>Cancelled when the host stops: ends the stats loop.</summary>
    private readonly CancellationTokenSource _stopping = new();

    private EngineTraffic? _traffic;
    private Task _statsLoop = Task.CompletedTask;

    public AdminInstrumentation(SocketIoServer io, AdminSettings settings, TimeProvider time, ILogger logger)
    {
        _io = io;
        _settings = settings;
        _time = time;
        _logger = logger;
        if (io.Namespaces.ContainsKey(settings.Options.NamespaceName))
        {
            AdminLog.NamespaceExists(logger, settings.Options.NamespaceName);
        }

        _admin = io.Of(settings.Options.NamespaceName);
        _presence = new AdminPresence(clustered: _admin.Adapter is not InMemoryAdapter);
        var options = settings.Options;
        if (!options.AllowAnonymous)
        {
            _authentication = new AdminAuthentication(
                options.Username!,
                options.PasswordHash!,
                new AdminSessions(options.SessionDuration, time),
                logger);
        }

        _features =
        [
            .. options.ReadOnly ? [] : AdminProtocol.CommandFeatures,
            AdminProtocol.AggregatedEventsFeature,
            .. settings.IsDevelopment ? [AdminProtocol.AllEventsFeature] : Array.Empty<string>(),
        ];
    }

    /// <summary>Gets the admin namespace.</summary>
    public Namespace Namespace => _admin;

    /// <summary>Hooks into the server and starts the stats; called once, before the server serves.</summary>
    public void Start()
    {
        var options = _settings.Options;
        if (_authentication is not null)
        {
            _admin.Use(_authentication.AuthenticateAsync);
        }
        else
        {
            AdminLog.AnonymousAccess(_logger, _admin.Name, options.ReadOnly ? "" : " and can disconnect them");
        }

        _admin.OnConnection(OnAdminConnected);
        _io.DecorateEngineHandler(inner => _traffic = new EngineTraffic(inner, _presence));
        if (_settings.IsDevelopment)
        {
            // Subscribed before the existing ones are listed, so none is missed; instrumenting is idempotent.
            _io.NamespaceCreated += Instrument;
            foreach (var nsp in _io.Namespaces.Values)
            {
                Instrument(nsp);
            }
        }

        _statsLoop = Task.Run(() => RunStatsAsync(_stopping.Token));
        AdminLog.Started(_logger, _admin.Name, _settings.Mode, _settings.ServerId, options.ReadOnly ? "read-only" : "commands allowed");
    }

    /// <summary>Stops the stats and every notification (the host stops).</summary>
    public async Task StopAsync()
    {
        _presence.Stop();
        _io.NamespaceCreated -= Instrument;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _statsLoop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>A UI connected (its login passed): it gets its session id, what it may do, and in development mode every socket.</summary>
    private void OnAdminConnected(Socket admin)
    {
        _presence.AdminConnected();
        admin.Disconnected.Register(static presence => ((AdminPresence)presence!).AdminDisconnected(), _presence);
        if (!_settings.Options.ReadOnly)
        {
            RegisterCommands(admin);
        }

        if (_authentication?.TakeNewSession(admin) is { } sessionId)
        {
            admin.Emit(AdminProtocol.Session, sessionId);
        }

        admin.Emit(AdminProtocol.Config, new { supportedFeatures = _features });
        if (_settings.IsDevelopment)
        {
            _ = SendAllSocketsAsync(admin);
        }
    }

    /// <summary>Sends an event to every admin of every node, unless nobody watches. Never throws: a hook must not fail what it observes.</summary>
    private void Notify(string eventName, params object?[] args)
    {
        if (!_presence.Active)
        {
            return;
        }

        try
        {
            // Not awaited: a failure to reach other nodes is logged by the server.
            _ = _admin.EmitAsync(eventName, args);
        }
#pragma warning disable CA1031 // An event the UI cannot be sent (an unserializable argument, say) is logged; the observed operation goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AdminLog.NotificationFailed(_logger, eventName, e);
        }
    }

    private string Now() => JavaScriptTime.IsoString(_time.GetUtcNow());
}
