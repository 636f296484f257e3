using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Generators;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// Properties of the Socket.IO codec over generated packets: whatever the encoders write, the decoder gives back
/// exactly (every type, odd namespaces, ack ids, nested data, lone surrogates, attachments at any depth), and no
/// sequence of text and binary frames, however hostile, makes the decoder throw or leaves it inconsistent.
/// Bounded in count so the whole set runs in a few seconds; a failure prints the case and a seed to replay it.
/// </summary>
public sealed class SocketIoCodecProperties
{
    [Property(MaxTest = 300)]
    public Property Packets_RoundTrip_ThroughTheEncoders() => Prop.ForAll(Arb.From(CodecGenerators.Packet), expected =>
    {
        var frames = expected.Encode();
        var decoder = new SocketIoPacketDecoder();
        SocketIoPacket? packet = null;
        for (var i = 0; i < frames.Length; i++)
        {
            var status = Decode(decoder, WireFrame.From(frames[i]), out packet, out var error);
            var expectedStatus = i == frames.Length - 1 ? SocketIoDecodeStatus.Packet : SocketIoDecodeStatus.AwaitingAttachments;
            Assert.True(status == expectedStatus, $"frame {i}: {status} {error}");
        }

        AssertDecodedAs(expected, packet!);

        // Re-encoding what was decoded gives the same bytes: nothing was lost or normalised on the way.
        Assert.Equal(frames[0].Payload.ToArray(), SocketIoPacketEncoder.Encode(packet!));
    });

    [Property(MaxTest = 100)]
    public Property ManyPackets_RoundTrip_ThroughOnePollingPayload() => Prop.ForAll(
        Arb.From(Gen.Choose(1, 8).SelectMany(count => Gen.ListOf(CodecGenerators.Packet, count))),
        expected =>
        {
            var frames = expected.SelectMany(c => c.Encode()).ToArray();
            var body = new ArrayBufferWriter<byte>();
            PollingPayload.Encode(frames, body);
            var engineSide = new List<EnginePacket>();
            Assert.Equal(PayloadDecodeResult.Success, PollingPayload.TryDecode(body.WrittenMemory, frames.Length, engineSide));

            var decoder = new SocketIoPacketDecoder();
            var decoded = new List<SocketIoPacket>();
            foreach (var message in engineSide)
            {
                Assert.Equal(EnginePacketType.Message, message.Type);
                var status = message.IsBinary
                    ? decoder.DecodeBinary(message.Data.Span, out var packet, out var error)
                    : decoder.DecodeText(message.Data.Span, out packet, out error);
                if (status == SocketIoDecodeStatus.Packet)
                {
                    decoded.Add(packet!);
                }
                else
                {
                    Assert.True(status == SocketIoDecodeStatus.AwaitingAttachments, $"{status} {error}");
                }
            }

            Assert.Equal(expected.Count, decoded.Count);
            for (var i = 0; i < decoded.Count; i++)
            {
                AssertDecodedAs(expected[i], decoded[i]);
            }
        });

    [Property(MaxTest = 500)]
    public Property Decoder_NeverThrows_ForArbitraryFrameSequences() => Prop.ForAll(Arb.From(HostileSequences), frames =>
    {
        var decoder = new SocketIoPacketDecoder();
        foreach (var frame in frames)
        {
            var status = Decode(decoder, frame, out var packet, out var error);
            PacketTestHelpers.AssertConsistent(decoder, status, packet, error);
            if (status == SocketIoDecodeStatus.Packet)
            {
                AssertUsable(packet!);
            }
        }
    });

    /// <summary>
    /// A binary packet with one placeholder's <c>num</c> replaced (out of range, not a whole number, not a number,
    /// missing) or its announced attachment count changed, followed by its attachments.
    /// </summary>
    private static Gen<WireFrame[]> TamperedBinaryPackets { get; } =
        from packet in CodecGenerators.Packet.Where(c => c.Attachments.Count > 0)
        let frames = packet.Encode().Select(WireFrame.From).ToArray()
        let count = packet.Attachments.Count
        from which in Gen.Choose(0, count - 1)
        from replacement in Gen.Elements(
            "\"num\":-1", $"\"num\":{count}", $"\"num\":{count + 1}", $"\"num\":{count - 1}.0", "\"num\":0.5", "\"num\":-0",
            "\"num\":\"0\"", "\"num\":null", "\"nom\":0", $"\"num\":{count - 1}", "HEADER+1", "HEADER-1")
        select Tamper(frames, which, replacement);

    /// <summary>
    /// Frames in any order: hostile text and binary, the frames of generated packets (some mutated), binary packets
    /// whose placeholders or attachment count were tampered with, some shuffled with each other.
    /// </summary>
    private static Gen<WireFrame[]> HostileSequences { get; } =
        Gen.Frequency(
                (2, CodecGenerators.HostileBytes.Select(b => new[] { new WireFrame(false, b) })),
                (1, CodecGenerators.HostileBytes.Select(b => new[] { new WireFrame(true, b) })),
                (3, CodecGenerators.Packet.SelectMany(c => Gen.CollectToArray(c.Encode(), MaybeMutated))),
                (2, TamperedBinaryPackets))
            .ListOf()
            .Resize(12)
            .SelectMany(chunks => Gen.Frequency(
                (2, Gen.Constant(chunks.SelectMany(c => c).ToArray())),
                (1, Gen.Shuffle(chunks.SelectMany(c => c)))));

    private static WireFrame[] Tamper(WireFrame[] frames, int which, string replacement)
    {
        var text = Encoding.UTF8.GetString(frames[0].Bytes);
        if (replacement.StartsWith("HEADER", StringComparison.Ordinal))
        {
            // "45N-…" or "46N-…": announce one attachment more or fewer than are sent.
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            var announced = int.Parse(text[2..dash], System.Globalization.CultureInfo.InvariantCulture) + (replacement[^2] == '+' ? 1 : -1);
            text = text[..2] + announced.ToString(System.Globalization.CultureInfo.InvariantCulture) + text[dash..];
        }
        else
        {
            var seen = -1;
            text = System.Text.RegularExpressions.Regex.Replace(text, "\"num\":\\d+", match => ++seen == which ? replacement : match.Value);
        }

        return [new WireFrame(false, Encoding.UTF8.GetBytes(text)), .. frames[1..]];
    }

    private static Gen<WireFrame> MaybeMutated(EngineFrame frame)
    {
        var wire = WireFrame.From(frame);
        return Gen.Frequency(
            (1, Gen.Constant(wire)),
            (1, CodecGenerators.Mutated(wire.Bytes).Select(bytes => wire with { Bytes = bytes })));
    }

    /// <summary>Feeds one frame to the decoder: a text frame without its Engine.IO <c>4</c> (when it has one), or a binary one.</summary>
    private static SocketIoDecodeStatus Decode(SocketIoPacketDecoder decoder, WireFrame frame, out SocketIoPacket? packet, out string? error)
    {
        if (frame.IsBinary)
        {
            return decoder.DecodeBinary(frame.Bytes, out packet, out error);
        }

        var text = frame.Bytes.AsSpan();
        return decoder.DecodeText(text.StartsWith("4"u8) ? text[1..] : text, out packet, out error);
    }

    /// <summary>
    /// Asserts a decoded packet is the generated one; <paramref name="afterMessagePack"/> compares the payload by value
    /// (see <see cref="JsonModelAssert"/>), since MessagePack keeps values, not their JSON text.
    /// </summary>
    internal static void AssertDecodedAs(SocketIoPacketCase expected, SocketIoPacket packet, bool afterMessagePack = false)
    {
        Assert.Equal(expected.DecodedType, packet.Type);
        Assert.Equal(expected.Namespace, packet.Namespace);
        Assert.Equal(expected.AckId, packet.AckId);
        Assert.Equal(expected.Attachments.Select(a => a.ToArray()), packet.Attachments);
        if (expected.Data is null)
        {
            Assert.Null(packet.Data);
            return;
        }

        if (!afterMessagePack)
        {
            Assert.Equal(Encoding.UTF8.GetString(expected.Json!), packet.Data!.Value.GetRawText());
        }

        JsonModelAssert.Matches(expected.Data, packet.Data!.Value, packet.Attachments, afterMessagePack);
        if (expected.Data is JsonModel.ArrayValue { Items: [var name, ..] } && packet.Type is SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent)
        {
            if (name is JsonModel.Number number)
            {
                // Named as JavaScript prints the number: the same double, whatever the notation.
                Assert.Equal(double.Parse(number.Literal, CultureInfo.InvariantCulture), double.Parse(packet.EventName!, CultureInfo.InvariantCulture));
            }
            else
            {
                var text = ((JsonModel.Text)name).Value;
                Assert.Equal(afterMessagePack ? JsonModelAssert.WellFormed(text) : text, packet.EventName);
            }
        }
    }

    /// <summary>What the server does with a delivered packet must work: read every string, resolve placeholders, write it back.</summary>
    private static void AssertUsable(SocketIoPacket packet)
    {
        _ = packet.EventName;
        if (packet.Data is { } data)
        {
            ReadEverything(data, packet.IsBinary ? packet.Attachments.Count : -1);
        }

        PacketTestHelpers.AssertReencodesTheSame(packet, "a decoded packet");
    }

    /// <summary>Reads every string and name; in a binary packet (<paramref name="attachments"/> from 0 up) checks each placeholder.</summary>
    private static void ReadEverything(JsonElement element, int attachments)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Assert.Equal(JsonStrings.GetString(element), element.Deserialize<string>(SocketIoJson.SerializerOptions));
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadEverything(item, attachments);
                }

                break;
            case JsonValueKind.Object:
                if (attachments >= 0 && AttachmentPlaceholder.TryGetIndex(element, out var num))
                {
                    Assert.InRange(num, 0, attachments - 1);
                    break;
                }

                foreach (var property in element.EnumerateObject())
                {
                    _ = JsonStrings.GetName(property);
                    ReadEverything(property.Value, attachments);
                }

                break;
        }
    }
}
