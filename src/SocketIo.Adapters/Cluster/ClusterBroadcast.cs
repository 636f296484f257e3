using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// An event for the matching sockets of every other node. With <see cref="RequestId"/>, the sender collects
/// acknowledgements: each receiver answers with one <see cref="ClusterBroadcastClientCount"/> (0 included) and one
/// <see cref="ClusterBroadcastAck"/> per client answer.
/// </summary>
/// <param name="Packet">The event: <c>[event, …args]</c> with attachments.</param>
/// <param name="Options">Who receives it (flags included: volatile, compress, timeout).</param>
/// <param name="RequestId">Set when the sender collects acknowledgements.</param>
public sealed record ClusterBroadcast(PacketPayload Packet, BroadcastOptions Options, string? RequestId = null) : ClusterAdapterMessage;
