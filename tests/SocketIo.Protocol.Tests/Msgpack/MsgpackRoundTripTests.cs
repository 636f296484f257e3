using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Msgpack;

/// <summary>
/// Bounded, reproducible random values: JSON with placeholders goes to MessagePack and back unchanged, and mutated
/// MessagePack never makes the reader throw.
/// </summary>
public sealed class MsgpackRoundTripTests
{
    private const int Seed = 20_261_121;
    private const int Values = 2_000;
    private const int Mutations = 20_000;

    [Fact]
    public void RandomValues_RoundTrip_BothWays()
    {
        var random = new Random(Seed);
        for (var i = 0; i < Values; i++)
        {
            var (json, attachments) = RandomValue(random);
            var msgpack = JsonToMsgpack.Encode(json, attachments);
            Assert.True(MsgpackToJson.TryReadValue(msgpack, out var back, out var error), error);
            Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(back.Json.Span));
            Assert.Equal(attachments.Count, back.Attachments.Count);
            for (var a = 0; a < attachments.Count; a++)
            {
                Assert.True(attachments[a].Span.SequenceEqual(back.Attachments[a].Span));
            }

            Assert.Equal(msgpack, JsonToMsgpack.Encode(back.Json, back.Attachments));
        }
    }

    [Fact]
    public void MutatedMessagePack_NeverThrows_AndWhatIsAcceptedIsStable()
    {
        var random = new Random(Seed);
        var seeds = Enumerable.Range(0, 50).Select(_ =>
        {
            var (json, attachments) = RandomValue(random);
            return JsonToMsgpack.Encode(json, attachments);
        }).ToArray();
        var accepted = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var bytes = (byte[])seeds[random.Next(seeds.Length)].Clone();
            for (var m = random.Next(1, 4); m > 0 && bytes.Length > 0; m--)
            {
                switch (random.Next(3))
                {
                    case 0: bytes[random.Next(bytes.Length)] = (byte)random.Next(256); break;
                    case 1: bytes = bytes[..random.Next(bytes.Length)]; break;
                    default: bytes = [.. bytes, (byte)random.Next(256)]; break;
                }
            }

            if (!MsgpackToJson.TryReadValue(bytes, out var value, out var error))
            {
                Assert.False(string.IsNullOrEmpty(error));
                continue;
            }

            accepted++;
            var again = JsonToMsgpack.Encode(value.Json, value.Attachments);
            Assert.True(MsgpackToJson.TryReadValue(again, out var twice, out error), error);
            Assert.Equal(Encoding.UTF8.GetString(value.Json.Span), Encoding.UTF8.GetString(twice.Json.Span));
        }

        Assert.InRange(accepted, 1, Mutations - 1);
    }

    /// <summary>A random JSON value in canonical form (as the reader writes it), placeholders numbered in order.</summary>
    private static (byte[] Json, List<ReadOnlyMemory<byte>> Attachments) RandomValue(Random random)
    {
        var attachments = new List<ReadOnlyMemory<byte>>();
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            WriteRandom(writer, random, attachments, depth: 0);
        }

        return (output.WrittenSpan.ToArray(), attachments);
    }

    private static void WriteRandom(Utf8JsonWriter writer, Random random, List<ReadOnlyMemory<byte>> attachments, int depth)
    {
        switch (random.Next(depth > 4 ? 6 : 9))
        {
            case 0: writer.WriteNullValue(); break;
            case 1: writer.WriteBooleanValue(random.Next(2) == 0); break;
            case 2: writer.WriteNumberValue(RandomInteger(random)); break;
            case 3: writer.WriteRawValue(JavaScriptNumber.ToString(RandomDouble(random))); break;
            case 4: writer.WriteStringValue(RandomString(random)); break;
            case 5:
                var bytes = new byte[random.Next(4) == 0 ? random.Next(256, 70_000) : random.Next(0, 40)];
                random.NextBytes(bytes);
                writer.WriteStartObject();
                writer.WriteBoolean("_placeholder", true);
                writer.WriteNumber("num", attachments.Count);
                writer.WriteEndObject();
                attachments.Add(bytes);
                break;
            case 6 or 7:
                writer.WriteStartArray();
                for (var i = random.Next(random.Next(8) == 0 ? 20 : 5); i > 0; i--)
                {
                    WriteRandom(writer, random, attachments, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                var count = random.Next(random.Next(8) == 0 ? 20 : 5);
                for (var i = 0; i < count; i++)
                {
                    writer.WritePropertyName($"{RandomString(random)}#{i}");
                    WriteRandom(writer, random, attachments, depth + 1);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static long RandomInteger(Random random) => random.Next(5) switch
    {
        0 => random.Next(-40, 140),
        1 => random.Next(),
        2 => -random.Next(),
        3 => random.NextInt64(long.MinValue, long.MaxValue),
        _ => random.NextInt64(-70_000, 70_000),
    };

    private static double RandomDouble(Random random)
    {
        double value;
        do
        {
            value = random.Next(3) switch
            {
                0 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                _ => random.Next(-1000, 1000) / 8.0,
            };
        }
        while (!double.IsFinite(value) || (Math.Floor(value) == value && Math.Abs(value) < 1.8e19));

        return value;
    }

    private static string RandomString(Random random)
    {
        const string Alphabet = "ab \"\\/\n\t\u0001\u001f<>&'é€😀_placeholder";
        var builder = new StringBuilder();
        for (var i = random.Next(random.Next(10) == 0 ? 300 : 12); i > 0; i--)
        {
            var at = random.Next(Alphabet.Length);
            builder.Append(char.IsSurrogate(Alphabet[at]) ? "😀" : Alphabet[at].ToString());
        }

        return builder.ToString();
    }
}
