using System.Diagnostics.CodeAnalysis;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Sharded;

/// <summary>
/// The sharded adapter's framing of ClusterAdapter envelopes: JSON, unless the message is of a type that may carry
/// binary (broadcast, fetch answer, server-side emit, their acknowledgements) and does, in which case the whole
/// envelope is MessagePack. Decoding takes either, by the first byte.
/// </summary>
internal static class ShardedMessageCodec
{
    /// <summary>The framing the sharded adapter sends a message in.</summary>
    public static WireFraming FramingFor(ClusterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mayContainBinary = message.Type is ClusterMessageType.Broadcast or ClusterMessageType.BroadcastAck
            or ClusterMessageType.FetchSocketsResponse or ClusterMessageType.ServerSideEmit or ClusterMessageType.ServerSideEmitResponse;
        return mayContainBinary && message.HasBinary ? WireFraming.Msgpack : WireFraming.Json;
    }

    /// <summary>Encodes an envelope in the framing the sharded adapter picks for it.</summary>
    public static byte[] Encode(ClusterEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ClusterMessageCodec.Encode(envelope, FramingFor(envelope.Message));
    }

    /// <summary>Decodes an envelope; anything malformed is an <paramref name="error"/>, never an exception.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out ClusterEnvelope? envelope, [NotNullWhen(false)] out string? error) =>
        ClusterMessageCodec.TryDecode(payload, out envelope, out error);
}
