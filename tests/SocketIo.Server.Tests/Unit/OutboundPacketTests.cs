using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;
using SocketIo.Server.Internal;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// A packet for one recipient is written in the thread's scratch buffer. The built-in parsers get the payload straight
/// from it; any other parser gets a payload of its own, which must stay intact after the next packet is written.
/// </summary>
public sealed class OutboundPacketTests
{
    private static readonly SocketIoSerializer Serializer = new(new JsonSerializerOptions());

    [Fact]
    public void The_built_in_parsers_frames_are_those_of_a_payload_of_its_own()
    {
        object?[] args = ["é", 1, new byte[] { 9 }];

        var direct = OutboundPacket.Ack(SocketIoParsers.Default, Serializer, "/chat", 7, args);
        var kept = SocketIoParsers.Default.EncodeAck("/chat", 7, OutboundPacket.Payload(Serializer, eventName: null, args));

        Assert.Equal("461-/chat,7[\"é\",1,{\"_placeholder\":true,\"num\":0}]", Encoding.UTF8.GetString(direct[0].Payload.Span));
        Assert.Equal(kept.Select(f => f.Payload.ToArray()), direct.Select(f => f.Payload.ToArray()));
        Assert.Equal([9], direct[1].Payload.ToArray());
    }

    [Fact]
    public void Another_parser_may_keep_the_payload_it_is_given()
    {
        var parser = new KeepingParser();

        OutboundPacket.Event(parser, Serializer, "/", "first", ["a", new byte[] { 1 }]);
        OutboundPacket.Ack(parser, Serializer, "/", 3, ["b", 2]);

        Assert.Equal("[\"first\",\"a\",{\"_placeholder\":true,\"num\":0}]", Encoding.UTF8.GetString(parser.Kept[0].Json.Span));
        Assert.Equal([1], Assert.Single(parser.Kept[0].Attachments).ToArray());
        Assert.Equal("[\"b\",2]", Encoding.UTF8.GetString(parser.Kept[1].Json.Span));
        Assert.Empty(parser.Kept[1].Attachments);
    }

    [Theory]
    [InlineData("/", "AbC-_09xyzAbC-_09xyz", null, "40{\"sid\":\"AbC-_09xyzAbC-_09xyz\"}")]
    [InlineData("/chat", "AbC-_09xyzAbC-_09xyz", "pid-_0123456789abcde", "40/chat,{\"sid\":\"AbC-_09xyzAbC-_09xyz\",\"pid\":\"pid-_0123456789abcde\"}")]
    [InlineData("/", "quote\"and\\é", "ok", "40{\"sid\":\"quote\\\"and\\\\é\",\"pid\":\"ok\"}")]
    [InlineData("/", "plain", "new\nline", "40{\"sid\":\"plain\",\"pid\":\"new\\nline\"}")]
    public void The_CONNECT_reply_is_the_JSON_of_its_ids_whatever_they_hold(string nsp, string sid, string? pid, string expected)
    {
        var frame = Assert.Single(OutboundPacket.ConnectReply(SocketIoParsers.Default, nsp, sid, pid));

        var text = Encoding.UTF8.GetString(frame.Payload.Span);
        Assert.Equal(expected, text);
        Assert.Equal(frame.Payload.Length, Encoding.UTF8.GetByteCount(text));
        using var json = JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.Equal(sid, json.RootElement.GetProperty("sid").GetString());
        Assert.Equal(pid, json.RootElement.TryGetProperty("pid", out var p) ? p.GetString() : null);
    }

    [Fact]
    public void The_CONNECT_reply_with_a_long_id_is_the_JSON_of_it()
    {
        var sid = new string('a', 300);

        var frame = Assert.Single(OutboundPacket.ConnectReply(SocketIoParsers.Default, "/", sid, pid: null));

        Assert.Equal("40{\"sid\":\"" + sid + "\"}", Encoding.UTF8.GetString(frame.Payload.Span));
    }

    /// <summary>The default parser, keeping every payload it encodes (as a parser that encodes later might).</summary>
    private sealed class KeepingParser : ISocketIoParser
    {
        public List<PacketPayload> Kept { get; } = [];

        public ISocketIoPacketDecoder CreateDecoder(SocketIoDecoderOptions options) => SocketIoParsers.Default.CreateDecoder(options);

        public EngineFrame[] EncodeEvent(string nsp, PacketPayload payload, long? ackId)
        {
            Kept.Add(payload);
            return SocketIoParsers.Default.EncodeEvent(nsp, payload, ackId);
        }

        public EngineFrame[] EncodeAck(string nsp, long ackId, PacketPayload payload)
        {
            Kept.Add(payload);
            return SocketIoParsers.Default.EncodeAck(nsp, ackId, payload);
        }

        public EngineFrame[] EncodeControl(SocketIoPacketType type, string nsp, ReadOnlySpan<byte> json)
            => SocketIoParsers.Default.EncodeControl(type, nsp, json);
    }
}
