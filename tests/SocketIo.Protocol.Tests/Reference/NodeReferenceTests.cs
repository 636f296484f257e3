using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Engine;

namespace SocketIo.Protocol.Tests.Reference;

/// <summary>
/// Our Engine.IO v3 and Socket.IO v4 codecs against the Node reference, live: the same cases through both, the
/// answers compared byte for byte (see <see cref="NodeReferenceCases"/>).
/// </summary>
public sealed class NodeReferenceTests(NodeReferenceFixture node) : IClassFixture<NodeReferenceFixture>
{
    private static readonly string[] s_packetTypes = ["open", "close", "ping", "pong", "message", "upgrade", "noop"];

    public static TheoryData<string> EncodeCases => [.. NodeReferenceCases.Encode.Select(c => c.Id)];

    public static TheoryData<string> DecodeCases => [.. NodeReferenceCases.Decode.Select(c => c.Id)];

    public static TheoryData<string> NamespaceCases => [.. NodeReferenceCases.Namespaces.Select(c => c.Id)];

    public static TheoryData<string> HandshakeCases => [.. NodeReferenceCases.Handshakes.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(EncodeCases))]
    public void Get_bodies_are_byte_identical(string id)
    {
        var testCase = NodeReferenceCases.Encode.Single(c => c.Id == id);
        var expected = node[id];
        var frames = testCase.Packets.Select(ToFrame).ToArray();
        var writer = new ArrayBufferWriter<byte>();
        string kind, contentType;
        if (testCase.J is not null)
        {
            var payload = new ArrayBufferWriter<byte>();
            PollingPayloadV3.EncodeText(frames, payload);
            JsonpPolling.WriteResponse(writer, testCase.J, payload.WrittenSpan);
            (kind, contentType) = ("text", JsonpPolling.ContentType);
        }
        else
        {
            var format = PollingPayloadV3.Encode(frames, supportsBinary: !testCase.B64, writer);
            (kind, contentType) = format == PollingBodyFormat.Binary
                ? ("binary", PollingPayloadV3.BinaryContentType)
                : ("text", PollingPayloadV3.TextContentType);
        }

        Assert.Equal(expected.GetProperty("kind").GetString(), kind);
        Assert.Equal(expected.GetProperty("contentType").GetString(), contentType);
        if (kind == "text")
        {
            Assert.Equal(expected.GetProperty("text").GetString(), Encoding.UTF8.GetString(writer.WrittenSpan));
        }
        else
        {
            Assert.Equal(Convert.FromBase64String(expected.GetProperty("base64").GetString()!), writer.WrittenSpan.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(DecodeCases))]
    public void Post_bodies_deliver_the_same_packets_or_both_sides_refuse_them(string id)
    {
        var testCase = NodeReferenceCases.Decode.Single(c => c.Id == id);
        var expected = node[id].GetProperty("packets").EnumerateArray().Select(Describe).ToList();
        var packets = new List<EnginePacket>();
        PayloadDecodeResult result;
        if (testCase.J is not null)
        {
            result = JsonpPolling.TryReadPostBody(testCase.Body, out var payload)
                ? PollingPayloadV3.TryDecodeText(payload, 100, packets)
                : PayloadDecodeResult.Success; // no payload field: nothing delivered, as in Node
        }
        else
        {
            result = testCase.Base64 is null
                ? PollingPayloadV3.TryDecodeText(testCase.Body, 100, packets)
                : PollingPayloadV3.TryDecodeBinary(testCase.Body, 100, packets);
        }

        if (expected.Contains("error"))
        {
            Assert.NotEqual(PayloadDecodeResult.Success, result);
            Assert.Empty(packets);
        }
        else
        {
            Assert.Equal(PayloadDecodeResult.Success, result);
            Assert.Equal(expected, packets.Select(EngineTestHelpers.Describe));
        }
    }

    [Theory]
    [MemberData(nameof(NamespaceCases))]
    public void Connect_namespaces_give_the_same_namespace_and_auth(string id)
    {
        var testCase = NodeReferenceCases.Namespaces.Single(c => c.Id == id);
        var expected = node[id];
        var decoder = new SocketIoPacketDecoder(new SocketIoDecoderOptions { ProtocolVersion = SocketIoProtocolVersion.V4 });
        var status = decoder.DecodeText(Encoding.UTF8.GetBytes("0" + testCase.Nsp + ","), out var packet, out var error);
        Assert.True(status == SocketIoDecodeStatus.Packet, error);
        Assert.Equal(expected.GetProperty("namespace").GetString(), packet!.Namespace);
        Assert.Equal(expected.GetProperty("auth").GetString(), packet.Data!.Value.GetRawText());
    }

    [Theory]
    [MemberData(nameof(HandshakeCases))]
    public void The_v3_handshake_body_is_byte_identical_but_for_the_sid(string id)
    {
        var expected = node[id];
        Assert.Equal(200, expected.GetProperty("status").GetInt32());
        Assert.Equal(PollingPayloadV3.TextContentType, expected.GetProperty("contentType").GetString());
        var body = expected.GetProperty("body").GetString()!;
        var sid = JsonElement.Parse(body[(body.IndexOf(':', StringComparison.Ordinal) + 2)..]).GetProperty("sid").GetString()!;

        var open = EngineOpenPacket.ToArray(sid, ["websocket"], pingIntervalMs: 300, pingTimeoutMs: 200, maxPayload: 1_000_000);
        var writer = new ArrayBufferWriter<byte>();
        PollingPayloadV3.EncodeText([EngineFrame.Text(open)], writer);
        Assert.Equal(body, Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    private static EngineFrame ToFrame(PacketSpec packet)
    {
        var digit = (char)('0' + Array.IndexOf(s_packetTypes, packet.Type));
        return packet.Base64 is not null
            ? EngineFrame.Binary(Convert.FromBase64String(packet.Base64))
            : EngineTestHelpers.Text(digit + (packet.Text ?? ""));
    }

    /// <summary>Node's packet in <see cref="EngineTestHelpers.Describe"/>'s form; a parser error as <c>error</c>.</summary>
    private static string Describe(JsonElement packet)
    {
        var type = packet.GetProperty("type").GetString()!;
        if (type == "error")
        {
            return "error";
        }

        if (packet.TryGetProperty("base64", out var base64))
        {
            return "bin:" + base64.GetString();
        }

        return (char)('0' + Array.IndexOf(s_packetTypes, type)) + (packet.TryGetProperty("text", out var text) ? ReadString(text) : "");
    }

    /// <summary>Reads a string; one that is not valid UTF-16 (Node may split a surrogate pair) is shown as its JSON.</summary>
    private static string ReadString(JsonElement text)
    {
        try
        {
            return text.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return text.GetRawText();
        }
    }
}
