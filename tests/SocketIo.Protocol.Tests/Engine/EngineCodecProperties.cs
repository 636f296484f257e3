using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Tests.Generators;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>
/// Properties of the Engine.IO codec over generated frames: text packets and binary messages survive the
/// long-polling framing in any mix and number, the packet limit holds exactly, and no body or text packet, however
/// hostile, makes the parsers throw. Bounded in count; a failure prints the case and a seed to replay it.
/// </summary>
public sealed class EngineCodecProperties
{
    [Property(MaxTest = 300)]
    public Property PollingPayload_RoundTrips_TextAndBinaryFrames() => Prop.ForAll(Arb.From(Frames), frames =>
    {
        var body = Encode(frames);
        var packets = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.Success, PollingPayload.TryDecode(body, frames.Length, packets));
        Assert.Equal(frames.Length, packets.Count);
        for (var i = 0; i < frames.Length; i++)
        {
            AssertSame(frames[i], packets[i]);
        }
    });

    [Property(MaxTest = 200)]
    public Property PollingPayload_RefusesOnePacketMoreThanAllowed() => Prop.ForAll(Arb.From(Frames), frames =>
    {
        var packets = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.TooManyPackets, PollingPayload.TryDecode(Encode(frames), frames.Length - 1, packets));
        Assert.Empty(packets);
    });

    [Property(MaxTest = 300)]
    public Property TextPackets_RoundTrip_ThroughTheParser() => Prop.ForAll(Arb.From(CodecGenerators.Frame.Where(f => !f.IsBinary)), frame =>
    {
        Assert.True(EnginePacketParser.TryParseText(frame.Bytes, out var packet));
        AssertSame(frame, packet);
    });

    [Property(MaxTest = 500)]
    public Property Parser_NeverThrows_AndAcceptsExactlyTheTypeDigits() => Prop.ForAll(Arb.From(CodecGenerators.HostileBytes), bytes =>
    {
        var accepted = EnginePacketParser.TryParseText(bytes, out var packet);
        Assert.Equal(bytes.Length > 0 && bytes[0] is >= (byte)'0' and <= (byte)'6', accepted);
        if (accepted)
        {
            Assert.Equal((EnginePacketType)(bytes[0] - '0'), packet.Type);
            Assert.Equal(bytes[1..], packet.Data.ToArray());
        }
    });

    [Property(MaxTest = 500)]
    public Property PollingPayload_NeverThrows_ForArbitraryBodies() => Prop.ForAll(Arb.From(HostileBodies), Arb.From(Gen.Choose(1, 16)), (body, maxPackets) =>
    {
        var packets = new List<EnginePacket>();
        var result = PollingPayload.TryDecode(body, maxPackets, packets);
        if (result != PayloadDecodeResult.Success)
        {
            Assert.Empty(packets);
            return;
        }

        // What was accepted frames again into a body that decodes to the same packets.
        Assert.InRange(packets.Count, 1, maxPackets);
        var frames = packets.Select(p => p.IsBinary
            ? new WireFrame(true, p.Data.ToArray())
            : new WireFrame(false, [(byte)('0' + (int)p.Type), .. p.Data.Span])).ToArray();
        var again = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.Success, PollingPayload.TryDecode(Encode(frames), maxPackets, again));
        Assert.Equal(packets.Count, again.Count);
        for (var i = 0; i < frames.Length; i++)
        {
            AssertSame(frames[i], again[i]);
        }
    });

    private static Gen<WireFrame[]> Frames { get; } = CodecGenerators.Frame.NonEmptyListOf().Select(frames => frames.ToArray());

    /// <summary>Bodies: hostile bytes, or generated bodies with a few edits (a separator, a base64 byte, a type digit…).</summary>
    private static Gen<byte[]> HostileBodies { get; } = Gen.OneOf(
        CodecGenerators.HostileBytes,
        Frames.SelectMany(frames => CodecGenerators.Mutated(Encode(frames))));

    private static byte[] Encode(WireFrame[] frames)
    {
        var body = new ArrayBufferWriter<byte>();
        PollingPayload.Encode([.. frames.Select(f => f.ToEngineFrame())], body);
        return body.WrittenSpan.ToArray();
    }

    private static void AssertSame(WireFrame expected, EnginePacket actual)
    {
        Assert.Equal(expected.IsBinary, actual.IsBinary);
        if (expected.IsBinary)
        {
            Assert.Equal(EnginePacketType.Message, actual.Type);
            Assert.Equal(expected.Bytes, actual.Data.ToArray());
        }
        else
        {
            Assert.Equal((EnginePacketType)(expected.Bytes[0] - '0'), actual.Type);
            Assert.Equal(expected.Bytes[1..], actual.Data.ToArray());
        }
    }
}
