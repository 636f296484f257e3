using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace SocketIo.Engine.Diagnostics;

/// <summary>
/// The Engine.IO layer's metrics (meter <c>SocketIo.Engine</c>) and handshake spans (activity source of the same
/// name), named after OpenTelemetry's conventions (<c>error.type</c>, <c>network.io.direction</c>, seconds, bytes).
/// While nobody listens every call site costs one check; what a measurement needs computed (a duration, the
/// transport) is computed only when its instrument is enabled. The open connections and queued bytes are read from
/// the sessions when a listener collects them, so the hot paths keep no gauge up to date.
/// </summary>
internal static class EngineTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "SocketIo.Engine";

    /// <summary>The operation name of a handshake span.</summary>
    public const string HandshakeActivity = "SocketIo.Engine.Handshake";

    private const string TransportTag = "engineio.transport";
    private const string ProtocolVersionTag = "engineio.protocol.version";
    private const string DirectionTag = "network.io.direction";

    private static readonly Meter s_meter = new(Name, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly ActivitySource s_source = new(Name, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Every Engine.IO server of the process, for the gauges; a server no longer referenced drops out by itself.</summary>
    private static readonly ConditionalWeakTable<EngineIoServer, object?> s_servers = new();

    private static readonly Counter<long> s_handshakes = s_meter.CreateCounter<long>(
        "engineio.server.handshakes", "{handshake}", "Engine.IO handshakes: opened sessions, and refused ones with error.type.");

    private static readonly Counter<long> s_rejectedRequests = s_meter.CreateCounter<long>(
        "engineio.server.rejected_requests", "{request}", "Requests on an existing session id that were refused (unknown or closed session, wrong transport).");

    private static readonly Histogram<double> s_connectionDuration = s_meter.CreateHistogram(
        "engineio.server.connection.duration",
        "s",
        "How long Engine.IO connections lasted, by close reason; its count is the closes by reason.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1, 5, 10, 30, 60, 120, 300, 900, 1800, 3600, 14400] });

    private static readonly Counter<long> s_upgrades = s_meter.CreateCounter<long>(
        "engineio.server.upgrades", "{upgrade}", "Sessions upgraded from HTTP long-polling to WebSocket.");

    // Packets and bytes are measured on every message and every written batch, the hottest calls of all: they are summed
    // here in plain counters, one cache line per direction and transport, and handed to a listener when it collects,
    // which costs an interlocked add per call instead of a trip through the listener's aggregation with its tags.
    private const int ReceivedWebSocket = 0;
    private const int ReceivedPolling = 1;
    private const int SentWebSocket = 2;
    private const int SentPolling = 3;
    private const int TrafficStride = 8;

    private static readonly long[] s_traffic = new long[4 * TrafficStride];

    private static readonly KeyValuePair<string, object?>[][] s_trafficTags =
    [
        [new(DirectionTag, "receive"), new(TransportTag, "websocket")],
        [new(DirectionTag, "receive"), new(TransportTag, "polling")],
        [new(DirectionTag, "transmit"), new(TransportTag, "websocket")],
        [new(DirectionTag, "transmit"), new(TransportTag, "polling")],
    ];

    private static readonly ObservableCounter<long> s_packets = s_meter.CreateObservableCounter(
        "engineio.server.packets", () => ObserveTraffic(0), "{packet}", "Engine.IO packets received and sent (messages and heartbeats).");

    private static readonly ObservableCounter<long> s_bytes = s_meter.CreateObservableCounter(
        "engineio.server.io", () => ObserveTraffic(1), "By", "Bytes of Engine.IO packets received and sent: WebSocket message payloads, long-polling HTTP bodies before compression.");

    static EngineTelemetry()
    {
        s_meter.CreateObservableUpDownCounter(
            "engineio.server.active_connections", ObserveConnections, "{connection}", "Open Engine.IO connections (sessions), by current transport and protocol version.");
        s_meter.CreateObservableUpDownCounter(
            "engineio.server.buffered_bytes", () => ObserveBuffered(largest: false), "By", "Bytes queued for clients and not yet written, over every connection.");
        s_meter.CreateObservableGauge(
            "engineio.server.buffered_bytes.max", () => ObserveBuffered(largest: true), "By", "The most bytes any one connection has queued (it closes past EngineIoOptions.MaxBufferedBytes).");
    }

    /// <summary>Makes a server's sessions visible to the gauges.</summary>
    public static void Register(EngineIoServer server) => s_servers.AddOrUpdate(server, null);

    /// <summary>Starts a handshake span (a child of the HTTP request's), or returns null when nobody listens.</summary>
    public static Activity? StartHandshake(bool isPolling, int protocolVersion)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var activity = s_source.StartActivity(HandshakeActivity, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = "engine.io handshake";
            activity.SetTag(TransportTag, isPolling ? "polling" : "websocket");
            activity.SetTag(ProtocolVersionTag, Version(protocolVersion));
        }

        return activity;
    }

    /// <summary>A session opened: the handshake succeeded.</summary>
    public static void HandshakeSucceeded(Activity? activity, EngineSession session, bool isPolling)
    {
        if (s_handshakes.Enabled)
        {
            s_handshakes.Add(1, new KeyValuePair<string, object?>(TransportTag, isPolling ? "polling" : "websocket"), new(ProtocolVersionTag, Version(session.ProtocolVersion)));
        }

        activity?.SetTag("engineio.connection.id", session.Id);
    }

    /// <summary>The application refused a session it was handed (its handler threw).</summary>
    public static void HandshakeFailed(Activity? activity, bool isPolling, int protocolVersion, string errorType)
    {
        if (s_handshakes.Enabled)
        {
            s_handshakes.Add(1, new(TransportTag, isPolling ? "polling" : "websocket"), new(ProtocolVersionTag, Version(protocolVersion)), new("error.type", errorType));
        }

        MarkFailed(activity, errorType);
    }

    /// <summary>
    /// A request was refused with an Engine.IO error: a failed handshake when it carries no session id, else a
    /// rejected request. The transport and protocol version are recorded only when they are ones the server knows.
    /// </summary>
    public static void Refused(HttpContext context, EngineErrorCode code)
    {
        var current = Activity.Current;
        var inHandshake = current?.Source == s_source && current.OperationName == HandshakeActivity;
        if (!s_handshakes.Enabled && !s_rejectedRequests.Enabled && !inHandshake)
        {
            return;
        }

        // Read as the dispatcher reads them (see QueryParameters).
        var query = context.Request.QueryString.Value;
        var errorType = ErrorType(code);
        if (QueryParameters.HasValue(query, "sid"))
        {
            s_rejectedRequests.Add(1, new KeyValuePair<string, object?>("error.type", errorType));
            return;
        }

        if (s_handshakes.Enabled)
        {
            var tags = new TagList { { "error.type", errorType } };
            QueryParameters.TryGet(query, "transport", out var transport);
            if (transport is "polling" or "websocket")
            {
                tags.Add(TransportTag, transport.ToString());
            }

            QueryParameters.TryGet(query, "EIO", out var eio);
            if (eio is "3" or "4")
            {
                tags.Add(ProtocolVersionTag, eio.ToString());
            }

            s_handshakes.Add(1, in tags);
        }

        if (inHandshake)
        {
            MarkFailed(current, errorType);
        }
    }

    /// <summary>A session closed (once per session), with its close reason.</summary>
    public static void Closed(EngineSession session, string reason, TimeProvider timeProvider)
    {
        if (!s_connectionDuration.Enabled)
        {
            return;
        }

        var seconds = Math.Max(0, (timeProvider.GetUtcNow() - session.Request.Time).TotalSeconds);
        s_connectionDuration.Record(seconds, new KeyValuePair<string, object?>(TransportTag, session.Transport), new(ProtocolVersionTag, Version(session.ProtocolVersion)), new("engineio.close.reason", reason));
    }

    /// <summary>A session moved from long-polling to WebSocket.</summary>
    public static void Upgraded(int protocolVersion)
    {
        if (s_upgrades.Enabled)
        {
            s_upgrades.Add(1, new KeyValuePair<string, object?>(ProtocolVersionTag, Version(protocolVersion)));
        }
    }

    /// <summary>Packets arrived: one WebSocket message, or the packets of one long-polling POST body.</summary>
    public static void Received(bool webSocket, int packets, long bytes) => Count(webSocket ? ReceivedWebSocket : ReceivedPolling, packets, bytes);

    /// <summary>
    /// Packets were written: a WebSocket write pass's batch, whose <paramref name="bufferBytes"/> count each frame with
    /// the session buffer's per-frame overhead (taken off here), or a long-polling response body.
    /// </summary>
    public static void SentOverWebSocket(int packets, long bufferBytes) =>
        Count(SentWebSocket, packets, bufferBytes - ((long)packets * EngineSession.FrameOverhead));

    /// <summary>A long-polling response carried <paramref name="packets"/> packets in a body of <paramref name="bytes"/> bytes.</summary>
    public static void SentOverPolling(int packets, long bytes) => Count(SentPolling, packets, bytes);

    private static void Count(int traffic, int packets, long bytes)
    {
        if (s_packets.Enabled)
        {
            Interlocked.Add(ref s_traffic[traffic * TrafficStride], packets);
        }

        if (s_bytes.Enabled)
        {
            Interlocked.Add(ref s_traffic[(traffic * TrafficStride) + 1], bytes);
        }
    }

    /// <summary>The packet (<paramref name="field"/> 0) or byte (1) totals, by direction and transport.</summary>
    private static IEnumerable<Measurement<long>> ObserveTraffic(int field)
    {
        for (var traffic = 0; traffic < s_trafficTags.Length; traffic++)
        {
            yield return new Measurement<long>(Volatile.Read(ref s_traffic[(traffic * TrafficStride) + field]), s_trafficTags[traffic]);
        }
    }

    private static void MarkFailed(Activity? activity, string errorType)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", errorType);
        activity.SetStatus(ActivityStatusCode.Error, errorType);
    }

    private static string Version(int protocolVersion) => protocolVersion == 3 ? "3" : "4";

    private static string ErrorType(EngineErrorCode code) => code switch
    {
        EngineErrorCode.TransportUnknown => "transport_unknown",
        EngineErrorCode.UnknownSid => "unknown_sid",
        EngineErrorCode.BadHandshakeMethod => "bad_handshake_method",
        EngineErrorCode.BadRequest => "bad_request",
        EngineErrorCode.Forbidden => "forbidden",
        _ => "unsupported_protocol_version",
    };

    private static IEnumerable<Measurement<long>> ObserveConnections()
    {
        long polling4 = 0, webSocket4 = 0, polling3 = 0, webSocket3 = 0;
        var anyEio3 = false;
        foreach (var (server, _) in s_servers)
        {
            anyEio3 |= server.Options.AllowEio3;
            foreach (var session in server.Sessions)
            {
                switch ((session.ProtocolVersion, session.Transport))
                {
                    case (3, "websocket"):
                        webSocket3++;
                        break;
                    case (3, _):
                        polling3++;
                        break;
                    case (_, "websocket"):
                        webSocket4++;
                        break;
                    default:
                        polling4++;
                        break;
                }
            }
        }

        // Zeros too, so that a series falls back to 0 rather than keep its last value.
        List<Measurement<long>> measurements =
        [
            new(polling4, new KeyValuePair<string, object?>(TransportTag, "polling"), new(ProtocolVersionTag, "4")),
            new(webSocket4, new KeyValuePair<string, object?>(TransportTag, "websocket"), new(ProtocolVersionTag, "4")),
        ];
        if (anyEio3)
        {
            measurements.Add(new(polling3, new KeyValuePair<string, object?>(TransportTag, "polling"), new(ProtocolVersionTag, "3")));
            measurements.Add(new(webSocket3, new KeyValuePair<string, object?>(TransportTag, "websocket"), new(ProtocolVersionTag, "3")));
        }

        return measurements;
    }

    private static long ObserveBuffered(bool largest)
    {
        long total = 0, max = 0;
        foreach (var (server, _) in s_servers)
        {
            foreach (var session in server.Sessions)
            {
                var buffered = session.BufferedBytes;
                total += buffered;
                max = Math.Max(max, buffered);
            }
        }

        return largest ? max : total;
    }
}
