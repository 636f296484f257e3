using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SocketIo.Engine.Diagnostics;
using SocketIo.Protocol.Engine;

using SocketIo.Protocol;

namespace SocketIo.Engine;

/// <summary>
/// The Engine.IO server behind one endpoint: it validates each request, performs handshakes, and routes requests that
/// carry a sid to their session. Phases of a session: handshake (polling GET or direct WebSocket), traffic on the
/// current transport, optionally an upgrade from polling to WebSocket, then close. A handshake fixes the session's
/// protocol revision (<c>EIO=4</c>, or <c>EIO=3</c> when <see cref="EngineIoOptions.AllowEio3"/> is set); every later
/// request must carry the same one. <c>MapEngineIo</c> creates and maps one; a layer above (Socket.IO) creates its
/// own with its handler and timer loop and maps it the same way.
/// </summary>
public sealed partial class EngineIoServer
{
    /// <summary>Open sessions by id; a session removes itself when it is closed.</summary>
    private readonly ConcurrentDictionary<string, EngineSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>The same sessions, looked up by a sid read from the query string without making it a string.</summary>
    private readonly ConcurrentDictionary<string, EngineSession>.AlternateLookup<ReadOnlySpan<char>> _sessionsById;

    /// <summary>The polling handshake's open packet, whose upgrade list has <c>websocket</c> when upgrades are possible.</summary>
    private readonly EngineOpenPacketTemplate _pollingOpenPacket;

    /// <summary>The WebSocket handshake's open packet: no upgrades.</summary>
    private readonly EngineOpenPacketTemplate _webSocketOpenPacket;

    /// <summary>Initializes an Engine.IO server. The options are validated and must not change afterwards.</summary>
    /// <param name="options">The endpoint's options.</param>
    /// <param name="handler">Receives each session and its messages.</param>
    /// <param name="loggerFactory">Creates the server's loggers.</param>
    /// <param name="timers">The timer loop to share with the layer above; a new one on the options' clock when omitted.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message says which.</exception>
    public EngineIoServer(EngineIoOptions options, IEngineIoHandler handler, ILoggerFactory loggerFactory, TimerLoop? timers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var failures = options.GetValidationErrors();
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        Options = options;
        _sessionsById = _sessions.GetAlternateLookup<ReadOnlySpan<char>>();
        Handler = handler;
        Logger = loggerFactory.CreateLogger<EngineIoServer>();
        Timers = timers ?? new TimerLoop(options.TimeProvider, loggerFactory.CreateLogger<TimerLoop>());
        _pollingOpenPacket = OpenPacketTemplate(options.AllowUpgrades && options.AllowWebSocket ? ["websocket"] : []);
        _webSocketOpenPacket = OpenPacketTemplate([]);
        EngineTelemetry.Register(this);
    }

    /// <summary>Gets the endpoint's options.</summary>
    public EngineIoOptions Options { get; }

    internal IEngineIoHandler Handler { get; }

    internal ILogger Logger { get; }

    /// <summary>Gets the timer loop that runs this endpoint's heartbeats and timeouts.</summary>
    public TimerLoop Timers { get; }

    /// <summary>Gets how many sessions are open now, closing ones included (Node's <c>engine.clientsCount</c>).</summary>
    public int ClientsCount => _sessions.Count;

    /// <summary>Gets the sessions open now (closing ones included), for the metrics.</summary>
    internal ICollection<EngineSession> Sessions => _sessions.Values;

    /// <summary>
    /// Handles one HTTP request to the endpoint (the WebSocket middleware must run before it). Never fails: failures
    /// become a response or a log line.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the request is done (for a WebSocket, when the connection ends).</returns>
    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Task dispatched;
        var failuresHandled = false;
        try
        {
            dispatched = DispatchAsync(context, ref failuresHandled);
        }
#pragma warning disable CA1031 // Observed below, like a failure of the task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            dispatched = Task.FromException(ex);
        }

        // A WebSocket's run handles its own failures: no state machine of ours then waits on it for the connection's
        // whole life.
        return failuresHandled || dispatched.IsCompletedSuccessfully ? dispatched : ObserveAsync(context, dispatched);
    }

    private async Task ObserveAsync(HttpContext context, Task dispatched)
    {
        try
        {
            await dispatched;
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing is left to answer.
        }
#pragma warning disable CA1031 // The pipeline must not fail because of one request; the failure is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RequestFailed(Logger, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    /// <summary>
    /// Routes a request. Not an async method: it returns the task of the method it routes to, so that no state machine
    /// of its own stays suspended for as long as that request (a WebSocket's whole life) lasts. Sets
    /// <paramref name="failuresHandled"/> when that task cannot fail.
    /// </summary>
    private Task DispatchAsync(HttpContext context, ref bool failuresHandled)
    {
        // The raw query string, not context.Request.Query: see QueryParameters.
        var query = context.Request.QueryString.Value;
        var isWebSocket = context.WebSockets.IsWebSocketRequest;
        QueryParameters.TryGet(query, "EIO", out var eio);
        var protocolVersion = ReadProtocolVersion(eio);
        if (protocolVersion == 0)
        {
            return RefuseAsync(context, EngineErrorCode.UnsupportedProtocolVersion, isWebSocket);
        }

        QueryParameters.TryGet(query, "transport", out var transport);
        var isPolling = transport.SequenceEqual("polling") && Options.AllowPolling;
        if (!isPolling && !(transport.SequenceEqual("websocket") && Options.AllowWebSocket))
        {
            return RefuseAsync(context, EngineErrorCode.TransportUnknown, isWebSocket);
        }

        if (!QueryParameters.TryGet(query, "sid", out var sid) || sid.IsEmpty)
        {
            return HandshakeAsync(context, isPolling, isWebSocket, protocolVersion, ref failuresHandled);
        }

        // Every request checks the heartbeat deadline itself, so that an overdue session is gone exactly on time
        // even if the timer loop is a little late.
        if (!_sessionsById.TryGetValue(sid, out var session) || session.ExpireIfOverdue())
        {
            return RefuseAsync(context, EngineErrorCode.UnknownSid, isWebSocket);
        }

        if (session.ProtocolVersion != protocolVersion)
        {
            return RefuseAsync(context, EngineErrorCode.BadRequest, isWebSocket);
        }

        if (!isPolling)
        {
            if (!isWebSocket)
            {
                return RefuseAsync(context, EngineErrorCode.BadRequest, isWebSocket: false);
            }

            return session.AcceptUpgradeAsync(context);
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            return session.HandlePollAsync(context);
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            return session.HandlePostAsync(context);
        }

        // The reference answers other methods on a session with an empty 500.
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return Task.CompletedTask;
    }

    /// <summary>The protocol revision a request asks for: 4, 3 when enabled, or 0 for anything else (missing included).</summary>
    private int ReadProtocolVersion(ReadOnlySpan<char> eio) => eio switch
    {
        "4" => 4,
        "3" when Options.AllowEio3 => 3,
        _ => 0,
    };

    /// <summary>
    /// A request without a sid: opens a session (traced as one span), then, on WebSocket, serves it for as long as it
    /// lasts, outside the span. Not an async method when the opening completes at once (Kestrel's upgrade usually
    /// does): it then returns the WebSocket's own task, which cannot fail (<paramref name="failuresHandled"/>), so that
    /// no state machine of its own waits on it for the connection's life.
    /// </summary>
    private Task HandshakeAsync(HttpContext context, bool isPolling, bool isWebSocket, int protocolVersion, ref bool failuresHandled)
    {
        var activity = EngineTelemetry.StartHandshake(isPolling, protocolVersion);
        var opening = OpenSessionAsync(context, isPolling, isWebSocket, protocolVersion, activity);
        if (!opening.IsCompleted)
        {
            return OpenThenRunAsync(opening, activity);
        }

        activity?.Dispose();
        if (opening.GetAwaiter().GetResult() is not { } webSocket)
        {
            return Task.CompletedTask;
        }

        failuresHandled = true;
        return webSocket.RunAsync();

        static async Task OpenThenRunAsync(ValueTask<EngineWebSocketTransport?> opening, System.Diagnostics.Activity? activity)
        {
            EngineWebSocketTransport? webSocket;
            using (activity)
            {
                webSocket = await opening;
            }

            if (webSocket is not null)
            {
                await webSocket.RunAsync();
            }
        }
    }

    /// <summary>
    /// The handshake proper; returns the WebSocket to run when it opened a WebSocket session (a value task: when it
    /// completes at once, as it usually does, no task is allocated for its result).
    /// </summary>
    private async ValueTask<EngineWebSocketTransport?> OpenSessionAsync(HttpContext context, bool isPolling, bool isWebSocket, int protocolVersion, System.Diagnostics.Activity? activity)
    {
        if (!isPolling && !isWebSocket)
        {
            await RefuseAsync(context, EngineErrorCode.BadRequest, isWebSocket: false);
            return null;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await RefuseAsync(context, EngineErrorCode.BadHandshakeMethod, isWebSocket);
            return null;
        }

        if (Options.AllowRequest is { } allowRequest && await allowRequest(context) is { } refusal)
        {
            Log.RequestRefused(Logger, (int)EngineErrorCode.Forbidden, refusal);
            await EngineErrors.WriteAsync(context, StatusCodes.Status403Forbidden, (int)EngineErrorCode.Forbidden, refusal);
            return null;
        }

        var session = new EngineSession(this, RandomIds.Create(), Snapshot(context), isPolling, protocolVersion);
        Options.OnHandshake?.Invoke(context, session.Request);
        if (Options.Cookie is { } cookie)
        {
            context.Response.Cookies.Append(cookie.Name, session.Id, new CookieOptions
            {
                Path = cookie.Path,
                HttpOnly = cookie.HttpOnly,
                SameSite = cookie.SameSite,
            });
        }

        if (isPolling)
        {
            _sessions[session.Id] = session;
            Log.SessionOpened(Logger, session.Id, session.Transport);
            var openPacket = _pollingOpenPacket.ToArray(session.Id);
            if (!session.Start(openPacket))
            {
                // The application refused the session by throwing; it is logged.
                EngineTelemetry.HandshakeFailed(activity, isPolling, protocolVersion, "handler_error");
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return null;
            }

            EngineTelemetry.HandshakeSucceeded(activity, session, isPolling);
            await session.WriteHandshakeAsync(context, openPacket);
            return null;
        }

        // Registered only once accepted: a failed upgrade leaves no session behind.
        var socket = await context.WebSockets.AcceptWebSocketAsync(AcceptContext());
        var webSocket = new EngineWebSocketTransport(this, session, socket, isUpgrade: false, EngineSession.AsksForBase64(context.Request.QueryString.Value));
        session.AttachDirect(webSocket);
        _sessions[session.Id] = session;
        Log.SessionOpened(Logger, session.Id, session.Transport);
        if (session.Start(_webSocketOpenPacket.ToArray(session.Id)))
        {
            EngineTelemetry.HandshakeSucceeded(activity, session, isPolling);
        }
        else
        {
            EngineTelemetry.HandshakeFailed(activity, isPolling, protocolVersion, "handler_error");
        }

        return webSocket;
    }

    /// <summary>Accepts a WebSocket only to close it at once: a second WebSocket for a session that already upgraded, or one for a stale session id: the client expects 101 then a close, not an HTTP 400.</summary>
    internal async Task AcceptAndCloseAsync(HttpContext context, string sid)
    {
        Log.ProtocolViolation(Logger, sid, "upgrade refused after accept: the session cannot upgrade");
        using var socket = await context.WebSockets.AcceptWebSocketAsync(AcceptContext());
        await EngineWebSocketTransport.CloseQuietlyAsync(socket, System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, Options.TimeProvider);
    }

    internal WebSocketAcceptContext AcceptContext() => new() { DangerousEnableCompression = Options.PerMessageDeflate };

    /// <summary>Finds an open session by id.</summary>
    internal EngineSession? FindSession(string sid) => _sessions.GetValueOrDefault(sid);

    /// <summary>Removes a closed session from the registry.</summary>
    internal void Remove(EngineSession session) => _sessions.TryRemove(new KeyValuePair<string, EngineSession>(session.Id, session));

    /// <summary>Closes every session (host shutdown): queued frames are flushed, WebSockets closed cleanly.</summary>
    /// <param name="reason">The close reason the handlers receive, e.g. <see cref="EngineCloseReasons.ServerShuttingDown"/>.</param>
    public void CloseAll(string reason)
    {
        foreach (var session in _sessions.Values)
        {
            session.Close(reason, isShutdown: true);
        }
    }

    private EngineOpenPacketTemplate OpenPacketTemplate(string[] upgrades) => new(
        upgrades,
        (long)Options.PingInterval.TotalMilliseconds,
        (long)Options.PingTimeout.TotalMilliseconds,
        Options.MaxHttpBufferSize);

    private Task RefuseAsync(HttpContext context, EngineErrorCode code, bool isWebSocket)
    {
        Log.RequestRefused(Logger, (int)code, EngineErrors.Message(code));
        return isWebSocket
            ? EngineErrors.WriteWebSocketRefusalAsync(context, code)
            : EngineErrors.WriteAsync(context, StatusCodes.Status400BadRequest, (int)code, EngineErrors.Message(code));
    }

    /// <summary>What the session keeps of the handshake request: Kestrel recycles the request with its connection.</summary>
    private EngineIoRequest Snapshot(HttpContext context)
    {
        var request = context.Request;
        // The connection's feature, not context.Connection: that wrapper would be made for this and kept with the
        // request, for a WebSocket's whole life.
        var connection = context.Features.Get<IHttpConnectionFeature>();
        return new EngineIoRequest
        {
            Headers = new HeaderSnapshot(request.Headers),
            QueryString = request.QueryString.Value,
            AuthenticatedUser = context.Features.Get<IHttpAuthenticationFeature>()?.User,
            Url = string.Concat(request.PathBase.Value, request.Path.Value, request.QueryString.Value),
            RemoteIpAddress = connection?.RemoteIpAddress,
            RemotePort = connection?.RemotePort ?? 0,
            IsHttps = request.IsHttps,
            Time = Options.TimeProvider.GetUtcNow(),
        };
    }
}
