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
    public static WireFraming FramingFor(ClusterAdapterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mayContainBinary = message is ClusterBroadcast or ClusterBroadcastAck or ClusterFetchSocketsResponse
            or ClusterServerSideEmit or ClusterServerSideEmitResponse;
        return mayContainBinary && ClusterMessageCodec.HasBinary(message) ? WireFraming.Msgpack : WireFraming.Json;
    }

    /// <summary>Encodes a message in the framing the sharded adapter picks for it.</summary>
    public static byte[] Encode(ClusterAdapterMessage message) => ClusterMessageCodec.Encode(message, FramingFor(message));

    /// <summary>
    /// Decodes a message; one without a namespace belongs to <paramref name="nsp"/>. Anything malformed is an
    /// <paramref name="error"/>, never an exception.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, string nsp, [NotNullWhen(true)] out ClusterAdapterMessage? message, [NotNullWhen(false)] out string? error) =>
        ClusterMessageCodec.TryDecode(payload, nsp, out message, out error);
}
