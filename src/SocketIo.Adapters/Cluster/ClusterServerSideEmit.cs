using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// An event for the server-side listeners of every other node. With <see cref="RequestId"/>, each node answers once
/// with a <see cref="ClusterServerSideEmitResponse"/>.
/// </summary>
/// <param name="Packet">The event: <c>[event, …args]</c> with attachments.</param>
/// <param name="RequestId">Set when the sender collects one answer per node.</param>
public sealed record ClusterServerSideEmit(PacketPayload Packet, string? RequestId = null) : ClusterAdapterMessage;
