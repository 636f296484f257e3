using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Generators;
using SocketIo.Protocol.Tests.Packets;
using static SocketIo.Protocol.Tests.Parsers.MsgpackPackets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// Properties of the MessagePack parser over generated packets: whatever its encoders write, its decoder gives back
/// (every type, odd namespaces, ack ids, nested data, binary at any depth), re-encoding gives the same bytes, and no
/// input, however hostile, makes the decoder throw. Bounded in count; a failure prints the case and a seed to replay.
/// </summary>
public sealed class MsgpackParserProperties
{
    private const int Seed = 20_260_612;
    private const int Mutations = 20_000;

    [Property(MaxTest = 300)]
    public Property Packets_RoundTrip_ThroughTheEncoders() => Prop.ForAll(Arb.From(ServerPackets), expected =>
    {
        var message = EncodeCase(expected);
        var packet = DecodeOne(message);

        SocketIoCodecProperties.AssertDecodedAs(expected, packet, afterMessagePack: true);

        // What was decoded encodes to the very same message: nothing lost, nothing normalised twice.
        Assert.Equal(message, Encode(packet));
    });

    [Property(MaxTest = 500)]
    public Property Decoder_NeverThrows_ForHostileBytes() => Prop.ForAll(Arb.From(HostileMessages), message =>
    {
        var status = Decode(message, out var packet, out _);
        if (status == SocketIoDecodeStatus.Packet)
        {
            AssertReencodesTheSame(packet!);
        }
    });

    [Fact]
    public void MutatedPackets_NeverThrow_AndAcceptedPacketsRoundTrip()
    {
        var seeds = Gen.Sample(ServerPackets, size: 20, seed: new Rnd((ulong)Seed), numberOfSamples: 200).Select(EncodeCase).ToArray();
        var random = new Random(Seed);
        var decoder = Parser.CreateDecoder(new SocketIoDecoderOptions());
        var outcomes = new Dictionary<SocketIoDecodeStatus, int>();
        for (var i = 0; i < Mutations; i++)
        {
            var message = Mutate(random, seeds[random.Next(seeds.Length)]);
            var status = decoder.DecodeBinary(message, out var packet, out var error);
            AssertConsistent(decoder, status, packet, error);
            outcomes[status] = outcomes.GetValueOrDefault(status) + 1;
            if (status == SocketIoDecodeStatus.Packet)
            {
                AssertReencodesTheSame(packet!);
            }
        }

        // The mutations reach both sides of the decoder.
        Assert.True(outcomes.GetValueOrDefault(SocketIoDecodeStatus.Packet) > 0 && outcomes.GetValueOrDefault(SocketIoDecodeStatus.Error) > 0, string.Join(", ", outcomes));
    }

    /// <summary>Random bytes, MessagePack-ish bytes, and generated packets with a few bytes edited.</summary>
    private static Gen<byte[]> HostileMessages { get; } = Gen.Frequency(
        (1, CodecGenerators.HostileBytes),
        (1, Gen.Elements<byte>(0x80, 0x81, 0x84, 0x90, 0x91, 0xa1, 0xa4, 0xc0, 0xc1, 0xc4, 0xc7, 0xcb, 0xd4, 0xd7, 0xdc, 0xdd, 0xde, 0xdf, 0xff, 0x00, 0x02, 0x2f).ArrayOf()),
        (3, ServerPackets.Select(EncodeCase).SelectMany(CodecGenerators.Mutated)));

    /// <summary>A delivered packet encodes, and that decodes to a packet encoding to the same bytes.</summary>
    private static void AssertReencodesTheSame(SocketIoPacket packet)
    {
        _ = packet.EventName;
        var once = Encode(packet);
        var again = DecodeOne(once);
        Assert.Equal(once, Encode(again));
        Assert.Equal(packet.Attachments, again.Attachments);
    }
}
