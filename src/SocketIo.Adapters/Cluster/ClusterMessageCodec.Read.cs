using System.Diagnostics;
using System.Text.Json;
using SocketIo.Adapters.Wire;

namespace SocketIo.Adapters.Cluster;

/// <summary>Reading: the envelope, then the data its type calls for.</summary>
internal static partial class ClusterMessageCodec
{
    private static ClusterAdapterMessage Read(WireReader reader, string? fallbackNamespace)
    {
        var root = reader.RootObject();
        var type = WireReader.RequireInteger(root, "type");
        if (type is < (long)ClusterMessageType.InitialHeartbeat or > (long)ClusterMessageType.AdapterClose)
        {
            throw new InvalidDataException($"unknown message type {type}");
        }

        var uid = WireReader.FindString(root, "uid") ?? AdapterIds.EmitterUid;
        var nsp = WireReader.FindString(root, "nsp") ?? fallbackNamespace ?? throw new InvalidDataException("missing \"nsp\"");
        return ReadMessage(reader, (ClusterMessageType)type, WireReader.Find(root, "data"), uid, nsp);
    }

    private static ClusterAdapterMessage ReadMessage(WireReader reader, ClusterMessageType type, JsonElement? data, string uid, string nsp)
    {
        switch (type)
        {
            case ClusterMessageType.InitialHeartbeat:
                return new ClusterHeartbeat(IsInitial: true) { Uid = uid, Namespace = nsp };
            case ClusterMessageType.Heartbeat:
                return new ClusterHeartbeat { Uid = uid, Namespace = nsp };
            case ClusterMessageType.AdapterClose:
                return new ClusterAdapterClosed { Uid = uid, Namespace = nsp };
        }

        if (data is not { ValueKind: JsonValueKind.Object } body)
        {
            throw new InvalidDataException($"message type {(int)type} without its data object");
        }

        return type switch
        {
            ClusterMessageType.Broadcast => new ClusterBroadcast(
                reader.ReadPacket(WireReader.Require(body, "packet")).Data,
                ReadOptions(body),
                WireReader.FindString(body, "requestId")) { Uid = uid, Namespace = nsp },
            ClusterMessageType.SocketsJoin => new ClusterSocketsJoin(ReadOptions(body), ReadRooms(body)) { Uid = uid, Namespace = nsp },
            ClusterMessageType.SocketsLeave => new ClusterSocketsLeave(ReadOptions(body), ReadRooms(body)) { Uid = uid, Namespace = nsp },
            ClusterMessageType.DisconnectSockets => new ClusterDisconnectSockets(ReadOptions(body), WireReader.IsTruthy(body, "close")) { Uid = uid, Namespace = nsp },
            ClusterMessageType.FetchSockets => new ClusterFetchSockets(ReadOptions(body), WireReader.RequireString(body, "requestId")) { Uid = uid, Namespace = nsp },
            ClusterMessageType.FetchSocketsResponse => new ClusterFetchSocketsResponse(
                WireReader.RequireString(body, "requestId"),
                reader.ReadSockets(WireReader.Require(body, "sockets"))) { Uid = uid, Namespace = nsp },
            ClusterMessageType.ServerSideEmit => new ClusterServerSideEmit(
                reader.ReadPayload(WireReader.Require(body, "packet")),
                WireReader.FindString(body, "requestId")) { Uid = uid, Namespace = nsp },
            ClusterMessageType.ServerSideEmitResponse => new ClusterServerSideEmitResponse(
                WireReader.RequireString(body, "requestId"),
                reader.ReadAnswer(body, "packet")) { Uid = uid, Namespace = nsp },
            ClusterMessageType.BroadcastClientCount => new ClusterBroadcastClientCount(
                WireReader.RequireString(body, "requestId"),
                ReadCount(body)) { Uid = uid, Namespace = nsp },
            ClusterMessageType.BroadcastAck => new ClusterBroadcastAck(
                WireReader.RequireString(body, "requestId"),
                reader.ReadAnswer(body, "packet")) { Uid = uid, Namespace = nsp },
            _ => throw new UnreachableException(),
        };
    }

    private static BroadcastOptions ReadOptions(JsonElement body) => WireReader.ReadOptions(WireReader.Require(body, "opts"));

    private static IReadOnlyList<string> ReadRooms(JsonElement body) => WireReader.ReadRooms(WireReader.Require(body, "rooms"), "rooms");

    private static int ReadCount(JsonElement body) => WireReader.RequireInteger(body, "clientCount") is >= 0 and <= int.MaxValue and var count
        ? (int)count
        : throw new InvalidDataException("\"clientCount\" is out of range");
}
