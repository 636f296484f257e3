using System.Text;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Generators;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// Bounded, reproducible fuzzing: mutations of valid packets never make the decoder throw, and whatever it accepts
/// re-encodes and decodes back to the same bytes.
/// </summary>
public sealed class SocketIoPacketDecoderFuzzTests
{
    private const int Seed = 20_260_521;
    private const int Iterations = 20_000;

    private static readonly string[] s_seeds =
    [
        "0",
        """0{"token":"123"}""",
        "0/custom",
        "0/custom,",
        """0/custom,{"token":"abc"}""",
        "1/custom,",
        """2["message",1,"2",{"3":[true]}]""",
        """2456["message-with-ack",1,"2",{"3":[false]}]""",
        """2/custom,7["auth",{"token":"abc","n":[1.5e3,-0,null,true]}]""",
        """2[1,"a"]""",
        """2["m\u00e9","\ud83d\ude00","\"\\\/\b\f\n\r\t"]""",
        """3456[1,"2",{"3":[false]}]""",
        """4/random,{"message":"Invalid namespace"}""",
        """4"refused""",
        """52-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""",
        """52-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""",
        """62-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""",
        """51-/chat,["bin",{"x":[{"_placeholder":true,"num":0}]}]""",
    ];

    [Fact]
    public void MutatedPackets_NeverThrow_AndAcceptedPacketsRoundTrip()
    {
        var random = new Random(Seed);
        var seeds = s_seeds.Select(Encoding.UTF8.GetBytes).ToArray();
        var decoder = new SocketIoPacketDecoder();
        var accepted = 0;
        var refused = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(random, seeds);
            SocketIoDecodeStatus status;
            SocketIoPacket? packet;
            string? error;
            try
            {
                // Mostly text; now and then a binary frame, which may or may not be expected.
                status = random.Next(8) == 0
                    ? decoder.DecodeBinary(input, out packet, out error)
                    : decoder.DecodeText(input, out packet, out error);

                // Feed the attachments a header asked for, most of the time.
                while (status == SocketIoDecodeStatus.AwaitingAttachments && random.Next(10) != 0)
                {
                    status = decoder.DecodeBinary(input.AsSpan(0, random.Next(input.Length + 1)), out packet, out error);
                }
            }
            catch (Exception ex)
            {
                Assert.Fail($"Iteration {i}: decoding {Describe(input)} threw {ex}");
                return;
            }

            PacketTestHelpers.AssertConsistent(decoder, status, packet, error);
            if (status == SocketIoDecodeStatus.Packet)
            {
                accepted++;
                AssertRoundTrips(packet!, i);
            }
            else if (status == SocketIoDecodeStatus.Error)
            {
                refused++;
            }
        }

        // The mutations must exercise both sides, or the test proves little.
        Assert.InRange(accepted, Iterations / 20, Iterations);
        Assert.InRange(refused, Iterations / 4, Iterations);
    }

    private static void AssertRoundTrips(SocketIoPacket packet, int iteration)
    {
        try
        {
            PacketTestHelpers.AssertReencodesTheSame(packet, $"Iteration {iteration}");
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"Iteration {iteration}: encoding a decoded packet threw {ex}");
        }
    }

    private static byte[] Mutate(Random random, byte[][] seeds)
    {
        var bytes = new List<byte>(seeds[random.Next(seeds.Length)]);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            var position = random.Next(bytes.Count + 1);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0: // replace a byte
                    bytes[Math.Min(position, bytes.Count - 1)] = Pick(random);
                    break;
                case 1: // insert a byte
                    bytes.Insert(position, Pick(random));
                    break;
                case 2 when bytes.Count > 0: // delete a byte
                    bytes.RemoveAt(Math.Min(position, bytes.Count - 1));
                    break;
                case 3: // truncate
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
                case 4: // duplicate a slice
                    var length = random.Next(bytes.Count - position + 1);
                    bytes.InsertRange(position, bytes.GetRange(position, length));
                    break;
                case 5: // splice in the tail of another vector
                    var other = seeds[random.Next(seeds.Length)];
                    bytes.RemoveRange(position, bytes.Count - position);
                    bytes.AddRange(other.Skip(random.Next(other.Length)));
                    break;
                default: // a random byte anywhere
                    bytes.Insert(position, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }

    private static byte Pick(Random random) => CodecGenerators.GrammarBytes[random.Next(CodecGenerators.GrammarBytes.Length)];

    private static string Describe(byte[] bytes) => Convert.ToHexString(bytes) + " (" + Encoding.UTF8.GetString(bytes) + ")";
}
