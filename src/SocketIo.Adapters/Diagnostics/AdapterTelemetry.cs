using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SocketIo.Adapters.Diagnostics;

/// <summary>
/// The adapters' metrics (meter <c>SocketIo.Adapters</c>): broadcasts delivered to this node's sockets and how many
/// sockets they reached, whatever adapter delivers them, and the requests a cluster adapter sends the other nodes
/// (fetches, all-rooms, server-side emits with acknowledgement) with their timeouts and failures. While nobody listens
/// each call site costs one check.
/// </summary>
internal static class AdapterTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string Name = "SocketIo.Adapters";

    private const string NamespaceTag = "socketio.namespace";

    private static readonly Meter s_meter = new(Name, typeof(AdapterTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> s_broadcasts = s_meter.CreateCounter<long>(
        "socketio.adapter.broadcasts", "{broadcast}", "Broadcasts delivered to this node's sockets: this node's own, and those other nodes sent through the adapter.");

    private static readonly Counter<long> s_recipients = s_meter.CreateCounter<long>(
        "socketio.adapter.broadcast.recipients", "{socket}", "Local sockets the broadcasts were queued to (one packet each).");

    private static readonly Histogram<double> s_requestDuration = s_meter.CreateHistogram(
        "socketio.adapter.request.duration",
        "s",
        "Requests to the other nodes of a cluster, until every node answered; timed out or failed ones carry error.type.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>An adapter delivered a broadcast to <paramref name="recipients"/> local sockets.</summary>
    public static void Broadcast(Adapter adapter, int recipients)
    {
        if (!s_broadcasts.Enabled && !s_recipients.Enabled)
        {
            return;
        }

        var tag = new KeyValuePair<string, object?>(NamespaceTag, NamespaceLabel(adapter));
        s_broadcasts.Add(1, tag);
        s_recipients.Add(recipients, tag);
    }

    /// <summary>When a request started; 0 when nobody measures them.</summary>
    public static long RequestStarted() => s_requestDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>A request of <paramref name="requestType"/> ended, answered or with <paramref name="failure"/>.</summary>
    public static void RequestEnded(string requestType, long started, Exception? failure)
    {
        if (started == 0 || !s_requestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "socketio.adapter.request.type", requestType } };
        if (failure is not null)
        {
            tags.Add("error.type", failure switch
            {
                AdapterTimeoutException => "timeout",
                AdapterUnavailableException => "unavailable",
                OperationCanceledException => "canceled",
                _ => failure.GetType().FullName,
            });
        }

        s_requestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, in tags);
    }

    /// <summary>The name the adapter's namespace is recorded under (the server maps a dynamic child to its parent).</summary>
    private static string NamespaceLabel(Adapter adapter) => adapter.MetricsHost is IMetricsNamespace named ? named.MetricsNamespace : adapter.MetricsHost.NamespaceName;
}
