using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MessagePack;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;
using SocketIo.Protocol.Tests.Generators;
using SocketIo.Protocol.Tests.Msgpack;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>Shorthands for the MessagePack parser tests: packet maps built field by field, decoded, re-encoded.</summary>
internal static class MsgpackPackets
{
    /// <summary>The parser under test.</summary>
    public static ISocketIoParser Parser => SocketIoParsers.MessagePack;

    /// <summary>
    /// Generated packets as the server sends them with this parser: an ACK always has its array (there is no bare
    /// ACK here), and only events and acks carry an ack id.
    /// </summary>
    public static Gen<SocketIoPacketCase> ServerPackets { get; } = CodecGenerators.Packet
        .Where(c => c.Type != SocketIoPacketType.Ack || c.Data is not null)
        .Select(c => c.Type is SocketIoPacketType.Event or SocketIoPacketType.Ack ? c : c with { AckId = null });

    /// <summary>Encodes a generated packet with the parser's encoders, as the server would: its one binary message.</summary>
    public static byte[] EncodeCase(SocketIoPacketCase testCase)
    {
        var payload = testCase.Json is { } json ? new PacketPayload(json, testCase.Attachments) : null;
        var frames = testCase.Type switch
        {
            SocketIoPacketType.Event => Parser.EncodeEvent(testCase.Namespace, payload!, testCase.AckId),
            SocketIoPacketType.Ack => Parser.EncodeAck(testCase.Namespace, testCase.AckId!.Value, payload!),
            _ => Parser.EncodeControl(testCase.Type, testCase.Namespace, testCase.Json),
        };
        return Assert.Single(frames).Payload.ToArray();
    }

    /// <summary>
    /// A packet map as socket.io-client writes it with the MessagePack parser: <c>{type, data?, id?, nsp}</c>, absent
    /// fields left out; the data is JSON with binary as placeholders, written as MessagePack with native <c>bin</c>.
    /// </summary>
    public static byte[] Packet(int type, string nsp = "/", long? id = null, string? json = null, params byte[][] attachments)
    {
        var fields = new List<(string, MsgpackTestHelpers.WriteAction)> { ("type", (ref MessagePackWriter w) => w.Write(type)) };
        if (json is not null)
        {
            fields.Add(("data", Json(json, attachments)));
        }

        if (id is { } ackId)
        {
            fields.Add(("id", (ref MessagePackWriter w) => w.Write(ackId)));
        }

        fields.Add(("nsp", (ref MessagePackWriter w) => w.Write(nsp)));
        return Map([.. fields]);
    }

    /// <summary>A map of the given fields, in order; each value written by its action (for values no client writes).</summary>
    public static byte[] Map(params (string Key, MsgpackTestHelpers.WriteAction Value)[] fields) => MsgpackTestHelpers.Write((ref MessagePackWriter w) =>
    {
        w.WriteMapHeader(fields.Length);
        foreach (var (key, value) in fields)
        {
            w.Write(key);
            value(ref w);
        }
    });

    /// <summary>Writes a JSON value (placeholders pointing into <paramref name="attachments"/>) as MessagePack.</summary>
    public static MsgpackTestHelpers.WriteAction Json(string json, params byte[][] attachments)
        => (ref MessagePackWriter w) => JsonToMsgpack.Write(ref w, Encoding.UTF8.GetBytes(json), [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)]);

    /// <summary>Writes raw MessagePack bytes given as hex.</summary>
    public static MsgpackTestHelpers.WriteAction Raw(string hex)
    {
        var bytes = MsgpackTestHelpers.Hex(hex);
        return (ref MessagePackWriter w) => w.WriteRaw(bytes);
    }

    /// <summary>A copy of the message with one to three random edits: a byte replaced, a bit flipped, a byte inserted, the end cut off.</summary>
    public static byte[] Mutate(Random random, byte[] message)
    {
        var bytes = (byte[])message.Clone();
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Length > 0; edits--)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(4))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes = [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]]; break;
                default: bytes = bytes[..at]; break;
            }
        }

        return bytes;
    }

    /// <summary>Decodes one binary message with a fresh decoder and checks the promises every result keeps.</summary>
    public static SocketIoDecodeStatus Decode(byte[] message, out SocketIoPacket? packet, out string? error, SocketIoDecoderOptions? options = null)
    {
        var decoder = Parser.CreateDecoder(options ?? new SocketIoDecoderOptions());
        var status = decoder.DecodeBinary(message, out packet, out error);
        AssertConsistent(decoder, status, packet, error);
        return status;
    }

    /// <summary>Decodes one message and asserts it is a packet to deliver.</summary>
    public static SocketIoPacket DecodeOne(byte[] message, SocketIoDecoderOptions? options = null)
    {
        var status = Decode(message, out var packet, out var error, options);
        Assert.True(status == SocketIoDecodeStatus.Packet, $"{MsgpackTestHelpers.ToHex(message)}: {status} {error}");
        return packet!;
    }

    /// <summary>A packet's payload as JSON text, or null.</summary>
    public static string? DataText(this SocketIoPacket packet) => packet.Data?.GetRawText();

    /// <summary>
    /// What each result promises: a packet exactly for Packet and Ignored, a reason exactly for Ignored and Error, a
    /// status that is never AwaitingAttachments (a packet is one message).
    /// </summary>
    public static void AssertConsistent(ISocketIoPacketDecoder decoder, SocketIoDecodeStatus status, SocketIoPacket? packet, string? error)
    {
        Assert.True(status is SocketIoDecodeStatus.Packet or SocketIoDecodeStatus.Ignored or SocketIoDecodeStatus.Error, $"status {status}");
        Assert.Equal(status is SocketIoDecodeStatus.Packet or SocketIoDecodeStatus.Ignored, packet is not null);
        Assert.Equal(status is SocketIoDecodeStatus.Ignored or SocketIoDecodeStatus.Error, !string.IsNullOrEmpty(error));
        Assert.False(decoder.IsAwaitingAttachments);
    }

    /// <summary>Encodes a decoded packet again with the MessagePack parser: its one binary message.</summary>
    public static byte[] Encode(SocketIoPacket packet)
    {
        var attachments = packet.Attachments.Select(a => (ReadOnlyMemory<byte>)a).ToArray();
        var json = packet.Data is { } data ? Encoding.UTF8.GetBytes(data.GetRawText()) : null;
        EngineFrame[] frames = packet.Type switch
        {
            SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent => Parser.EncodeEvent(packet.Namespace, new PacketPayload(json!, attachments), packet.AckId),
            SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck => Parser.EncodeAck(packet.Namespace, packet.AckId!.Value, new PacketPayload(json!, attachments)),
            _ => Parser.EncodeControl(packet.Type, packet.Namespace, json),
        };
        var frame = Assert.Single(frames);
        Assert.True(frame.IsBinary);
        return frame.Payload.ToArray();
    }
}
