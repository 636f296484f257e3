using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using SocketIo.Adapters;

namespace SocketIo.Redis.Diagnostics;

/// <summary>
/// The Redis adapters' metrics (meter <c>SocketIo.Redis</c>): messages published and received through Redis, the
/// publishes that failed, malformed messages dropped, and whether each adapter connection reaches Redis now. The
/// requests to other nodes and their timeouts are measured by the adapters' common base (meter <c>SocketIo.Adapters</c>).
/// </summary>
internal static class RedisTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string Name = "SocketIo.Redis";

    private const string DirectionTag = "network.io.direction";

    private static readonly Meter s_meter = new(Name, typeof(RedisTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Every adapter connection of the process, for the connection gauge; one no longer referenced drops out by itself.</summary>
    private static readonly ConditionalWeakTable<RedisConnection, object?> s_connections = new();

    private static readonly Counter<long> s_messages = s_meter.CreateCounter<long>(
        "socketio.redis.messages", "{message}", "Messages the Redis adapters published (failed ones with error.type) and received.");

    private static readonly Counter<long> s_malformed = s_meter.CreateCounter<long>(
        "socketio.redis.malformed_messages", "{message}", "Received messages that could not be decoded and were dropped (logged).");

    private static readonly KeyValuePair<string, object?>[] s_published = [new(DirectionTag, "transmit")];
    private static readonly KeyValuePair<string, object?>[] s_received = [new(DirectionTag, "receive")];

    static RedisTelemetry()
    {
        s_meter.CreateObservableUpDownCounter(
            "socketio.redis.connections", ObserveConnections, "{connection}", "The Redis adapters' connections (one per adapter factory), by state: connected or disconnected.");
    }

    /// <summary>Makes a connection visible to the connection gauge.</summary>
    public static void Register(RedisConnection connection) => s_connections.AddOrUpdate(connection, null);

    /// <summary>Forgets a disposed connection.</summary>
    public static void Unregister(RedisConnection connection) => s_connections.Remove(connection);

    /// <summary>A message went out to Redis.</summary>
    public static void Published() => s_messages.Add(1, s_published);

    /// <summary>A publish failed; <paramref name="failure"/> is what the caller sees.</summary>
    public static void PublishFailed(Exception failure)
    {
        if (s_messages.Enabled)
        {
            s_messages.Add(1, new KeyValuePair<string, object?>(DirectionTag, "transmit"), new("error.type", failure is AdapterUnavailableException ? "unavailable" : failure.GetType().FullName));
        }
    }

    /// <summary>A message arrived from Redis (before it is decoded).</summary>
    public static void Received() => s_messages.Add(1, s_received);

    /// <summary>A message arrived that could not be decoded.</summary>
    public static void Malformed() => s_malformed.Add(1);

    private static IEnumerable<Measurement<long>> ObserveConnections()
    {
        long connected = 0, disconnected = 0;
        foreach (var (connection, _) in s_connections)
        {
            if (connection.IsConnected)
            {
                connected++;
            }
            else
            {
                disconnected++;
            }
        }

        return
        [
            new(connected, new KeyValuePair<string, object?>("socketio.redis.connection.state", "connected")),
            new(disconnected, new KeyValuePair<string, object?>("socketio.redis.connection.state", "disconnected")),
        ];
    }
}
