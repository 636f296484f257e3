using System.Diagnostics;
using System.Text.Json;
using SocketIo.Adapters.Wire;

namespace SocketIo.Adapters.Cluster;

/// <summary>Reading: the envelope, then the data its type calls for.</summary>
internal static partial class ClusterMessageCodec
{
    private static ClusterEnvelope Read(WireReader reader)
    {
        var root = reader.RootObject();
        var type = WireReader.RequireInteger(root, "type");
        var message = type is < (long)ClusterMessageType.InitialHeartbeat or > (long)ClusterMessageType.AdapterClose
            ? throw new InvalidDataException($"unknown message type {type}")
            : ReadMessage(reader, (ClusterMessageType)type, WireReader.Find(root, "data"));
        return new ClusterEnvelope(WireReader.FindString(root, "uid"), WireReader.FindString(root, "nsp"), message);
    }

    private static ClusterMessage ReadMessage(WireReader reader, ClusterMessageType type, JsonElement? data)
    {
        switch (type)
        {
            case ClusterMessageType.InitialHeartbeat:
                return InitialHeartbeatMessage.Instance;
            case ClusterMessageType.Heartbeat:
                return HeartbeatMessage.Instance;
            case ClusterMessageType.AdapterClose:
                return AdapterCloseMessage.Instance;
        }

        if (data is not { ValueKind: JsonValueKind.Object } body)
        {
            throw new InvalidDataException($"message type {(int)type} without its data object");
        }

        return type switch
        {
            ClusterMessageType.Broadcast => new BroadcastMessage(
                reader.ReadPacket(WireReader.Require(body, "packet")),
                WireReader.ReadOptions(WireReader.Require(body, "opts")),
                WireReader.FindString(body, "requestId")),
            ClusterMessageType.SocketsJoin => new SocketsJoinMessage(ReadOptions(body), ReadRooms(body)),
            ClusterMessageType.SocketsLeave => new SocketsLeaveMessage(ReadOptions(body), ReadRooms(body)),
            ClusterMessageType.DisconnectSockets => new DisconnectSocketsMessage(ReadOptions(body), WireReader.IsTruthy(body, "close")),
            ClusterMessageType.FetchSockets => new FetchSocketsMessage(ReadOptions(body), WireReader.RequireString(body, "requestId")),
            ClusterMessageType.FetchSocketsResponse => new FetchSocketsResponseMessage(
                WireReader.RequireString(body, "requestId"),
                reader.ReadSockets(WireReader.Require(body, "sockets"))),
            ClusterMessageType.ServerSideEmit => new ServerSideEmitMessage(
                reader.ReadPayload(WireReader.Require(body, "packet")),
                WireReader.FindString(body, "requestId")),
            ClusterMessageType.ServerSideEmitResponse => new ServerSideEmitResponseMessage(
                WireReader.RequireString(body, "requestId"),
                reader.ReadOptionalValue(body, "packet")),
            ClusterMessageType.BroadcastClientCount => new BroadcastClientCountMessage(
                WireReader.RequireString(body, "requestId"),
                WireReader.RequireInteger(body, "clientCount")),
            ClusterMessageType.BroadcastAck => new BroadcastAckMessage(
                WireReader.RequireString(body, "requestId"),
                reader.ReadOptionalValue(body, "packet")),
            _ => throw new UnreachableException(),
        };
    }

    private static BroadcastOptions ReadOptions(JsonElement body) => WireReader.ReadOptions(WireReader.Require(body, "opts"));

    private static IReadOnlyList<string> ReadRooms(JsonElement body) => WireReader.ReadRooms(WireReader.Require(body, "rooms"), "rooms");
}
