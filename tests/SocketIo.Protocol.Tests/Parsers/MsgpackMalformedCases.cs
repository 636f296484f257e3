using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Msgpack;
using static SocketIo.Protocol.Tests.Parsers.MsgpackPackets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// Unusual and malformed MessagePack packets by what becomes of them, shared by the decoder's tests and the live
/// comparison with socket.io-msgpack-parser (<see cref="MsgpackReferenceTests"/>). Node's server behaviour for each
/// was recorded with tests/interop/reference/msgpack-packets.mjs (docs/protocol-fidelity.md has the table).
/// </summary>
internal static class MsgpackMalformedCases
{
    private static readonly MsgpackTestHelpers.WriteAction Root = Raw("a1 2f");
    private static readonly MsgpackTestHelpers.WriteAction Event = Raw("02");
    private static readonly MsgpackTestHelpers.WriteAction Args = Json("[\"e\"]");

    /// <summary>Refused, as socket.io-msgpack-parser's decoder (or notepack.io beneath it) refuses them.</summary>
    public static readonly Dictionary<string, (byte[] Message, string Error)> RefusedAsInNode = new()
    {
        ["empty message"] = ([], "empty message"),
        ["top level nil"] = (MsgpackTestHelpers.Hex("c0"), "packet is not a MessagePack map"),
        ["top level an array"] = (MsgpackTestHelpers.Hex("93 02 a1 2f 91 a1 65"), "packet is not a MessagePack map"),
        ["trailing bytes"] = ([.. Packet(2, json: "[\"e\"]"), 0x00], "1 trailing bytes"),
        ["trailing bytes after a scalar"] = (MsgpackTestHelpers.Hex("02 02"), "1 trailing bytes"),
        ["truncated map"] = (Packet(2, json: "[\"e\"]")[..10], "truncated"),
        ["truncated string"] = (MsgpackTestHelpers.Hex("81 a4 74 79"), "truncated"),
        ["truncated bin"] = (Map(("type", Event), ("data", Raw("92 a1 65 c4 09 01")), ("nsp", Root))[..^3], "truncated"),
        ["truncated ext"] = (MsgpackTestHelpers.Hex("81 a1 78 c7 10 05 01"), "truncated"),
        ["array longer than the message"] = (MsgpackTestHelpers.Hex("81 a1 78 dd 7f ff ff ff"), "truncated"),
        ["invalid code 0xc1 in data"] = (Map(("type", Event), ("data", Raw("92 a1 65 c1")), ("nsp", Root)), "invalid MessagePack"),
        ["invalid code 0xc1 in an extra key"] = (Map(("type", Event), ("data", Args), ("x", Raw("c1")), ("nsp", Root)), "invalid MessagePack"),
        ["no type"] = (Map(("data", Args), ("nsp", Root)), "invalid packet type"),
        ["type undefined"] = (Map(("type", Raw("d4 00 00")), ("data", Args), ("nsp", Root)), "invalid packet type"),
        ["type 5 (no binary types here)"] = (Packet(5, json: "[\"e\"]"), "invalid packet type"),
        ["type 6"] = (Packet(6, id: 1, json: "[\"e\"]"), "invalid packet type"),
        ["type -1"] = (Map(("type", Raw("ff")), ("data", Args), ("nsp", Root)), "invalid packet type"),
        ["type 2.5"] = (Map(("type", Raw("cb 40 04 00 00 00 00 00 00")), ("data", Args), ("nsp", Root)), "invalid packet type"),
        ["type NaN"] = (Map(("type", Raw("cb 7f f8 00 00 00 00 00 00")), ("data", Args), ("nsp", Root)), "invalid packet type"),
        ["type as a string"] = (Map(("type", Raw("a1 32")), ("data", Args), ("nsp", Root)), "invalid packet type"),
        ["type 2^64-1"] = (Map(("type", Raw("cf ff ff ff ff ff ff ff ff")), ("data", Args), ("nsp", Root)), "invalid packet type"),
        ["no nsp"] = (Map(("type", Event), ("data", Args)), "invalid namespace"),
        ["nsp a number"] = (Map(("type", Event), ("data", Args), ("nsp", Raw("01"))), "invalid namespace"),
        ["nsp binary"] = (Map(("type", Event), ("data", Args), ("nsp", Raw("c4 01 2f"))), "invalid namespace"),
        ["event without data"] = (Packet(2), "invalid payload"),
        ["event data undefined"] = (Map(("type", Event), ("data", Raw("d4 00 00")), ("nsp", Root)), "invalid payload"),
        ["event data nil"] = (Map(("type", Event), ("data", Raw("c0")), ("nsp", Root)), "invalid payload"),
        ["event data a map"] = (Packet(2, json: """{"a":1}"""), "invalid payload"),
        ["event data a string"] = (Packet(2, json: "\"e\""), "invalid payload"),
        ["ack without data"] = (Packet(3, id: 1), "invalid payload"),
        ["ack data a map"] = (Packet(3, id: 1, json: "{}"), "invalid payload"),
        ["connect data nil"] = (Map(("type", Raw("00")), ("data", Raw("c0")), ("nsp", Root)), "invalid payload"),
        ["connect data an array"] = (Packet(0, json: "[]"), "invalid payload"),
        ["connect data a string"] = (Packet(0, json: "\"token\""), "invalid payload"),
        ["connect data binary"] = (Map(("type", Raw("00")), ("data", Raw("c4 01 09")), ("nsp", Root)), "invalid payload"),
        ["disconnect with data"] = (Packet(1, json: "{}"), "invalid payload"),
        ["connect error without data"] = (Packet(4), "invalid payload"),
        ["connect error data a number"] = (Packet(4, json: "1"), "invalid payload"),
        ["ack id 0.5"] = (Map(("type", Event), ("data", Args), ("id", Raw("cb 3f e0 00 00 00 00 00 00")), ("nsp", Root)), "invalid packet id"),
        ["ack id nil"] = (Map(("type", Event), ("data", Args), ("id", Raw("c0")), ("nsp", Root)), "invalid packet id"),
        ["ack id a string"] = (Map(("type", Event), ("data", Args), ("id", Raw("a1 31")), ("nsp", Root)), "invalid packet id"),
        ["ack id Infinity"] = (Map(("type", Event), ("data", Args), ("id", Raw("cb 7f f0 00 00 00 00 00 00")), ("nsp", Root)), "invalid packet id"),
    };

    /// <summary>
    /// Refused where Node goes on, each for a reason the default parser shares: a client must not fire the server's
    /// own events, ack ids and namespaces stay what the protocol can carry, and placeholders stay unambiguous.
    /// </summary>
    public static readonly Dictionary<string, (byte[] Message, string Error)> RefusedBeyondNode = new()
    {
        ["reserved event name disconnecting"] = (Packet(2, json: "[\"disconnecting\",1]"), "reserved event name"),
        ["reserved event name disconnect"] = (Packet(2, json: "[\"disconnect\",\"x\"]"), "reserved event name"),
        ["reserved event name connect"] = (Packet(2, json: "[\"connect\"]"), "reserved event name"),
        ["ack id -1"] = (Packet(2, id: -1, json: "[\"e\"]"), "ack id out of range"),
        ["ack id 2^53"] = (Packet(2, id: 1L << 53, json: "[\"e\"]"), "ack id out of range"),
        ["ack id 2^64-1"] = (Map(("type", Event), ("data", Args), ("id", Raw("cf ff ff ff ff ff ff ff ff")), ("nsp", Root)), "ack id out of range"),
        ["nsp empty"] = (Packet(2, "", json: "[\"e\"]"), "namespace must start with '/'"),
        ["nsp without a slash"] = (Packet(0, "custom"), "namespace must start with '/'"),
        ["nsp with a control character"] = (Packet(0, "/a\u0001b"), "namespace contains control characters"),
        ["nsp of 300 bytes"] = (Packet(0, "/" + new string('a', 299)), "namespace too long"),
        ["a map that reads as a placeholder"] = (Map(("type", Event), ("data", Raw("92 a1 65 82 ac 5f 70 6c 61 63 65 68 6f 6c 64 65 72 c3 a3 6e 75 6d 00")), ("nsp", Root)), "a map that reads as a binary placeholder"),
        ["a map key that is an array"] = (Map(("type", Event), ("data", Raw("92 a1 65 81 91 01 02")), ("nsp", Root)), "unsupported MessagePack map key"),
    };

    /// <summary>Accepted, then dropped by the Node server: Ignored, with the reason.</summary>
    public static readonly Dictionary<string, (byte[] Message, SocketIoPacketType Type, long? AckId, string Reason)> Ignored = new()
    {
        ["event with an empty array"] = (Packet(2, json: "[]"), SocketIoPacketType.Event, null, "EVENT without an event name"),
        ["event with an empty array and an ack id"] = (Packet(2, id: 3, json: "[]"), SocketIoPacketType.Event, 3, "EVENT without an event name"),
        ["event named true"] = (Packet(2, json: "[true,\"x\"]"), SocketIoPacketType.Event, null, "event name is not a string or a number"),
        ["event named null"] = (Packet(2, json: "[null]"), SocketIoPacketType.Event, null, "event name is not a string or a number"),
        ["event named by an object"] = (Packet(2, json: """[{"a":1}]"""), SocketIoPacketType.Event, null, "event name is not a string or a number"),
        ["event named by binary"] = (Packet(2, json: """[{"_placeholder":true,"num":0}]""", attachments: [[1]]), SocketIoPacketType.BinaryEvent, null, "event name is not a string or a number"),
        ["ack without an id"] = (Packet(3, json: "[\"late\"]"), SocketIoPacketType.Ack, null, "ACK without an ack id"),
        ["ack without an id, with binary"] = (Packet(3, json: """[{"_placeholder":true,"num":0}]""", attachments: [[1]]), SocketIoPacketType.BinaryAck, null, "ACK without an ack id"),
    };
}
