using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Classic;

/// <summary>Reading: the type, then the keys it calls for; join, leave and disconnect without options are the legacy forms.</summary>
internal static partial class ClassicRequestCodec
{
    private static ClassicRequest Read(WireReader reader)
    {
        var root = reader.RootObject();
        var uid = WireReader.FindString(root, "uid");
        var type = WireReader.RequireInteger(root, "type");
        return type switch
        {
            (long)ClassicRequestType.Sockets => new SocketsRequest(uid, RequestId(root), WireReader.ReadRooms(WireReader.Find(root, "rooms"), "rooms")),
            (long)ClassicRequestType.AllRooms => new AllRoomsRequest(uid, RequestId(root)),
            (long)ClassicRequestType.RemoteJoin when HasOptions(root) => new RemoteJoinRequest(uid, Options(root), Rooms(root)),
            (long)ClassicRequestType.RemoteLeave when HasOptions(root) => new RemoteLeaveRequest(uid, Options(root), Rooms(root)),
            (long)ClassicRequestType.RemoteDisconnect when HasOptions(root) => new RemoteDisconnectRequest(uid, Options(root), WireReader.IsTruthy(root, "close")),
            (long)ClassicRequestType.RemoteJoin or (long)ClassicRequestType.RemoteLeave or (long)ClassicRequestType.RemoteDisconnect => new LegacySocketRequest(
                uid,
                RequestId(root),
                (ClassicRequestType)type,
                WireReader.RequireString(root, "sid"),
                WireReader.FindString(root, "room"),
                WireReader.IsTruthy(root, "close")),
            (long)ClassicRequestType.RemoteFetch => new RemoteFetchRequest(uid, RequestId(root), Options(root)),
            (long)ClassicRequestType.ServerSideEmit => new ServerSideEmitRequest(uid, ReadEventData(reader, root), WireReader.FindString(root, "requestId")),
            (long)ClassicRequestType.Broadcast => new BroadcastWithAckRequest(
                uid,
                RequestId(root),
                reader.ReadPacket(WireReader.Require(root, "packet")),
                Options(root)),
            _ => throw new InvalidDataException($"unknown request type {type}"),
        };
    }

    private static string RequestId(JsonElement root) => WireReader.RequireString(root, "requestId");

    /// <summary>Node takes the modern form when <c>opts</c> is truthy: any object.</summary>
    private static bool HasOptions(JsonElement root) => WireReader.Find(root, "opts") is { ValueKind: JsonValueKind.Object };

    private static BroadcastOptions Options(JsonElement root) => WireReader.ReadOptions(WireReader.Require(root, "opts"));

    private static IReadOnlyList<string> Rooms(JsonElement root) => WireReader.ReadRooms(WireReader.Require(root, "rooms"), "rooms");

    /// <summary>The event name and arguments: a non-empty array.</summary>
    private static Protocol.Packets.PacketPayload ReadEventData(WireReader reader, JsonElement root)
    {
        var data = WireReader.Require(root, "data");
        if (data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            throw new InvalidDataException("\"data\" is not an event array");
        }

        return reader.ReadPayload(data);
    }
}
