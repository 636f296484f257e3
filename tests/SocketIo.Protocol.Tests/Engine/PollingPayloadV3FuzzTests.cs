using System.Buffers;
using System.Text;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>
/// Bounded, reproducible fuzzing of the protocol v3 decoders: mutated bodies never make them throw, a refusal leaves
/// no packets, and whatever is accepted re-encodes to a body that decodes to the same packets.
/// </summary>
public sealed class PollingPayloadV3FuzzTests
{
    private const int Seed = 20_260_604;
    private const int Iterations = 20_000;

    private static readonly byte[][] s_textSeeds =
    [
        .. new[]
        {
            "6:4hello10:b4AQIDBA==1:6", "22:42[\"message-back\",\"€\"]3:4😀", "0:2:4a0:", "1:21:21:3", "2:b4", "1:1",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private static readonly byte[][] s_binarySeeds =
    [
        EngineTestHelpers.Bytes(0, 6, 255, "4hello", 1, 5, 255, 4, new byte[] { 1, 2, 3, 4 }),
        EngineTestHelpers.Bytes(0, 8, 255, "4€😀", 1, 1, 255, 4, 0, 6, 255, "b4AQI="),
    ];

    private static readonly byte[][] s_formSeeds =
    [
        .. new[] { "d=6%3A4hello", "x=1&d=7:4a\\nb\\\\nc", "%64=1:2&d", "d=5%3A4%C3%A9%ZZ+" }.Select(Encoding.UTF8.GetBytes),
    ];

    private static readonly byte[][] s_namespaceSeeds =
    [
        .. new[] { "0/nsp?token=abc,", "0/nsp?b=1&2=x&1=y,", "2/a?x=%E2%82%AC#f,7[\"e\"]", "0/?a+b=%4&&=,{}" }.Select(Encoding.UTF8.GetBytes),
    ];

    /// <summary>Bytes that matter to the framings, plus a few that break UTF-8.</summary>
    private static readonly byte[] s_interesting = "0123456789:b4%&=+?#,\\n"u8.ToArray()
        .Concat(new byte[] { 0, 1, 4, 9, 10, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xA0, 0xF0, 0x9F, 0xFF })
        .ToArray();

    [Fact]
    public void Text_bodies()
    {
        Fuzz(s_textSeeds, (body, packets) => PollingPayloadV3.TryDecodeText(body, 64, packets));
    }

    [Fact]
    public void Binary_bodies()
    {
        Fuzz(s_binarySeeds, (body, packets) => PollingPayloadV3.TryDecodeBinary(body, 64, packets));
    }

    [Fact]
    public void Jsonp_forms()
    {
        Fuzz(s_formSeeds, (body, packets) => JsonpPolling.TryReadPostBody(body, out var payload)
            ? PollingPayloadV3.TryDecodeText(payload, 64, packets)
            : PayloadDecodeResult.EmptySegment);
    }

    [Fact]
    public void WebSocket_messages()
    {
        var random = new Random(Seed);
        for (var i = 0; i < Iterations; i++)
        {
            var message = Mutate(random, [.. s_textSeeds, .. s_binarySeeds, [4, 1, 2]]);
            if (WebSocketMessageV3.TryDecodeBinary(message, out var binary))
            {
                Assert.Equal(message.AsSpan(1).ToArray(), binary.Data.ToArray());
            }

            if (WebSocketMessageV3.TryDecodeText(message, out var text) == PayloadDecodeResult.Success)
            {
                // Either b4+base64, or a type digit followed by the rest as is.
                Assert.Equal(message.AsSpan().StartsWith("b4"u8), text.IsBinary);
                Assert.True(text.IsBinary || text.Data.Span.SequenceEqual(message.AsSpan(1)));
            }
        }
    }

    [Fact]
    public void Protocol_v4_namespaces()
    {
        var random = new Random(Seed);
        var decoder = new SocketIoPacketDecoder(new SocketIoDecoderOptions { ProtocolVersion = SocketIoProtocolVersion.V4 });
        for (var i = 0; i < Iterations; i++)
        {
            var status = decoder.DecodeText(Mutate(random, s_namespaceSeeds), out var packet, out _);
            if (status == SocketIoDecodeStatus.Packet)
            {
                Assert.DoesNotContain('?', packet!.Namespace);
                Assert.DoesNotContain('#', packet.Namespace);
                Assert.StartsWith("/", packet.Namespace, StringComparison.Ordinal);
                Assert.True(packet.Type != SocketIoPacketType.Connect || packet.Data?.ValueKind == System.Text.Json.JsonValueKind.Object);
            }

            decoder.Reset();
        }
    }

    private static void Fuzz(byte[][] seeds, Func<byte[], List<EnginePacket>, PayloadDecodeResult> decode)
    {
        var random = new Random(Seed);
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(random, seeds);
            var packets = new List<EnginePacket>();
            var result = decode(body, packets);
            if (result != PayloadDecodeResult.Success)
            {
                Assert.Empty(packets);
                continue;
            }

            accepted++;
            AssertRoundTrips(packets);
        }

        // The mutations are small: a fair share of bodies must stay valid, or the round trip above tests nothing.
        Assert.InRange(accepted, Iterations / 50, Iterations);
    }

    /// <summary>Accepted packets, encoded in both framings, decode back to themselves.</summary>
    private static void AssertRoundTrips(List<EnginePacket> packets)
    {
        // Text packets are passed on unchecked in binary framing; the encoder sends only valid UTF-8 back.
        var frames = packets
            .Where(p => p.IsBinary || System.Text.Unicode.Utf8.IsValid(p.Data.Span))
            .Select(p => p.IsBinary
                ? EngineFrame.Binary(p.Data.ToArray())
                : EngineFrame.Text((byte[])[(byte)('0' + (int)p.Type), .. p.Data.Span]))
            .ToArray();
        var expected = frames.Select(f => f.IsBinary ? "bin:" + Convert.ToBase64String(f.Payload.Span) : Encoding.UTF8.GetString(f.Payload.Span));

        var text = new ArrayBufferWriter<byte>();
        PollingPayloadV3.EncodeText(frames, text);
        var decoded = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.Success, PollingPayloadV3.TryDecodeText(text.WrittenMemory, 64, decoded));
        Assert.Equal(expected, decoded.Select(EngineTestHelpers.Describe));

        var binary = new ArrayBufferWriter<byte>();
        PollingPayloadV3.EncodeBinary(frames, binary);
        decoded.Clear();
        var result = frames.Length == 0 ? PayloadDecodeResult.Success : PollingPayloadV3.TryDecodeBinary(binary.WrittenMemory, 64, decoded);
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(expected, decoded.Select(EngineTestHelpers.Describe));
    }

    private static byte[] Mutate(Random random, byte[][] seeds)
    {
        var bytes = new List<byte>(seeds[random.Next(seeds.Length)]);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            var value = random.Next(3) == 0 ? (byte)random.Next(256) : s_interesting[random.Next(s_interesting.Length)];
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = value;
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
