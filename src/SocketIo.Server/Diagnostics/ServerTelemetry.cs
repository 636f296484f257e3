using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using SocketIo.Server.Internal;

namespace SocketIo.Server.Diagnostics;

/// <summary>
/// The Socket.IO layer's metrics (meter <c>SocketIo.Server</c>) and spans (activity source of the same name): sockets
/// per namespace, connects with their middleware, disconnects by reason, acknowledgements; a span per namespace
/// connect and, with <see cref="SocketIoOptions.TraceEvents"/>, per incoming event. While nobody listens each call
/// site costs one check. Namespaces are recorded by name, except the children of a dynamic namespace, which are
/// recorded under their parent's name so that the number of series stays bounded.
/// </summary>
internal static class ServerTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "SocketIo.Server";

    /// <summary>The operation name of a namespace connect's span.</summary>
    public const string ConnectActivity = "SocketIo.Server.Connect";

    /// <summary>The operation name of an incoming event's span.</summary>
    public const string EventActivity = "SocketIo.Server.Event";

    private const string NamespaceTag = "socketio.namespace";

    private static readonly Meter s_meter = new(Name, typeof(ServerTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly ActivitySource s_source = new(Name, typeof(ServerTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Every Socket.IO server of the process, for the socket gauge; one no longer referenced drops out by itself.</summary>
    private static readonly ConditionalWeakTable<SocketIoServer, object?> s_servers = new();

    private static readonly Histogram<double> s_connectDuration = s_meter.CreateHistogram(
        "socketio.server.connect.duration",
        "s",
        "Namespace CONNECTs from their arrival to the outcome, middleware included; refused ones carry error.type.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Histogram<double> s_socketDuration = s_meter.CreateHistogram(
        "socketio.server.socket.duration",
        "s",
        "How long sockets stayed connected to their namespace, by disconnect reason; its count is the disconnects by reason.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1, 5, 10, 30, 60, 120, 300, 900, 1800, 3600, 14400] });

    private static readonly Histogram<double> s_ackDuration = s_meter.CreateHistogram(
        "socketio.server.ack.duration",
        "s",
        "From sending an event that asks for an acknowledgement to the client's answer (emits and each socket of a broadcast).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly Counter<long> s_ackTimeouts = s_meter.CreateCounter<long>(
        "socketio.server.ack.timeouts", "{ack}", "Acknowledgements that did not come in time: an emit's, or each missing answer of a broadcast.");

    private static readonly KeyValuePair<string, object?>[] s_invalidNamespace = [new("error.type", ConnectErrors.InvalidNamespace)];

    static ServerTelemetry()
    {
        s_meter.CreateObservableUpDownCounter("socketio.server.active_sockets", ObserveSockets, "{socket}", "Sockets connected to each namespace.");
    }

    /// <summary>Makes a server's namespaces visible to the socket gauge.</summary>
    public static void Register(SocketIoServer server) => s_servers.AddOrUpdate(server, null);

    /// <summary>The name a namespace is recorded under: its own, or its dynamic parent's.</summary>
    public static string Label(Namespace nsp) => nsp.Parent?.Name ?? nsp.Name;

    /// <summary>Starts measuring (and, when listened to, tracing) a namespace connect.</summary>
    public static ConnectTelemetry StartConnect(Namespace nsp, Client client)
    {
        var started = s_connectDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        // Checked here too, so that a CONNECT nobody traces does not build the span's name.
        var activity = s_source.HasListeners() ? StartRoot(ConnectActivity, "connect " + Label(nsp)) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(NamespaceTag, nsp.Name);
            activity.SetTag("engineio.connection.id", client.Connection.Id);
        }

        return new ConnectTelemetry(nsp, activity, started);
    }

    /// <summary>A CONNECT named a namespace that does not exist (nothing ran: recorded as lasting 0).</summary>
    public static void InvalidNamespace()
    {
        if (s_connectDuration.Enabled)
        {
            s_connectDuration.Record(0, s_invalidNamespace);
        }
    }

    /// <summary>A connected socket disconnected (once per socket).</summary>
    public static void SocketClosed(Socket socket, string reason)
    {
        if (!s_socketDuration.Enabled)
        {
            return;
        }

        var seconds = Math.Max(0, (socket.Namespace.Server.TimeProvider.GetUtcNow() - socket.Handshake.IssuedAt).TotalSeconds);
        s_socketDuration.Record(seconds, new KeyValuePair<string, object?>(NamespaceTag, Label(socket.Namespace)), new("socketio.disconnect.reason", reason));
    }

    /// <summary>When an acknowledgement was asked for; 0 when nobody measures them.</summary>
    public static long AckTimestamp() => s_ackDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>A client answered an acknowledgement asked for at <paramref name="askedAt"/> (from <see cref="AckTimestamp"/>).</summary>
    public static void AckReceived(Namespace nsp, long askedAt)
    {
        if (askedAt != 0 && s_ackDuration.Enabled)
        {
            s_ackDuration.Record(Stopwatch.GetElapsedTime(askedAt).TotalSeconds, new KeyValuePair<string, object?>(NamespaceTag, Label(nsp)));
        }
    }

    /// <summary><paramref name="missing"/> acknowledgements of an emit or a broadcast did not come in time.</summary>
    public static void AckTimedOut(Namespace nsp, string kind, int missing = 1)
    {
        if (missing > 0 && s_ackTimeouts.Enabled)
        {
            s_ackTimeouts.Add(missing, new KeyValuePair<string, object?>(NamespaceTag, Label(nsp)), new("socketio.ack.kind", kind));
        }
    }

    /// <summary>
    /// Starts the span of an incoming event when <see cref="SocketIoOptions.TraceEvents"/> is on and somebody listens.
    /// The span is named after the namespace, and after the event too when the socket handles it: a name a client made up
    /// must not become a span name.
    /// </summary>
    public static Activity? StartEvent(Socket socket, string eventName)
    {
        if (!socket.Namespace.Server.Options.TraceEvents || !s_source.HasListeners())
        {
            return null;
        }

        var label = Label(socket.Namespace);
        var activity = StartRoot(EventActivity, socket.Handles(eventName) ? $"{eventName} {label}" : "event " + label);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(NamespaceTag, socket.Namespace.Name);
            activity.SetTag("socketio.event.name", eventName);
            activity.SetTag("socketio.socket.id", socket.Id);
            activity.SetTag("engineio.connection.id", socket.ConnectionId);
        }

        return activity;
    }

    /// <summary>An event's middleware, listener or handler threw (it was logged).</summary>
    public static void EventFailed(Activity? activity, Exception error) => Fail(activity, error.GetType().FullName ?? "exception");

    /// <summary>Ends a connect's measurement and span with its outcome.</summary>
    public static void EndConnect(in ConnectTelemetry telemetry, in ConnectOutcome outcome)
    {
        var errorType = outcome.Socket is not null ? null : outcome.ErrorType ?? ConnectErrors.NotConnected;
        if (telemetry.Started != 0 && s_connectDuration.Enabled)
        {
            var tags = new TagList { { NamespaceTag, Label(telemetry.Namespace) } };
            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            s_connectDuration.Record(Stopwatch.GetElapsedTime(telemetry.Started).TotalSeconds, in tags);
        }

        if (telemetry.Activity is { } activity)
        {
            if (outcome.Socket is { } socket)
            {
                activity.SetTag("socketio.socket.id", socket.Id);
            }
            else
            {
                Fail(activity, errorType!);
            }

            activity.Dispose();
        }
    }

    /// <summary>
    /// Starts a span with no parent, linked to the current one (the HTTP request that carried the packet): over
    /// WebSocket that request lasts as long as the connection, and every connect and event under it would make one
    /// endless trace.
    /// </summary>
    private static Activity? StartRoot(string operationName, string displayName)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        Activity.Current = null;
        ActivityLink[]? links = current is null ? null : [new ActivityLink(current.Context)];
        var activity = s_source.StartActivity(operationName, ActivityKind.Server, parentContext: default, tags: null, links: links);
        if (activity is null)
        {
            Activity.Current = current;
            return null;
        }

        activity.DisplayName = displayName;
        return activity;
    }

    private static void Fail(Activity? activity, string errorType)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", errorType);
        activity.SetStatus(ActivityStatusCode.Error, errorType);
    }

    private static IEnumerable<Measurement<long>> ObserveSockets()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (server, _) in s_servers)
        {
            foreach (var nsp in server.Namespaces.Values)
            {
                var label = Label(nsp);
                counts[label] = counts.GetValueOrDefault(label) + nsp.Sockets.Count;
            }
        }

        return counts.Select(static c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>(NamespaceTag, c.Key)));
    }
}
