using System.Buffers.Binary;
using System.Text.Json;
using SocketIo.Protocol.Msgpack;
using SocketIo.Redis.Tests.Infrastructure;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Interop;

/// <summary>
/// The payload conversion against notepack.io 3.0.1 itself (tests/interop/redis/notepack.mjs): what we write is what
/// notepack writes for the same JavaScript value, and what we read from MessagePack is what a Node server's
/// Socket.IO encoder writes for a client after notepack decoded it.
/// </summary>
public sealed class NotepackInteropTests
{
    private const int Seed = 20_261_122;

    /// <summary>JSON values with attachments (hex), covering every branch of notepack's encoder that JSON can reach.</summary>
    private static readonly (string Json, string[] Attachments)[] s_values =
    [
        ("""[0,-1,-33,127,128,255,256,65535,65536,4294967295,4294967296,9007199254740991,-32,-128,-129,-32768,-32769,-2147483648,-2147483649,-9007199254740991]""", []),
        ("""[1.5,-0.5,0.1,-1e-300,5e-324,1.0,1e3,-0,2.5e1,123456789.125,1e18]""", []),
        ("""[true,false,null,"",{},[]]""", []),
        ("\"" + new string('a', 31) + "\"", []),
        ("\"" + new string('a', 32) + "\"", []),
        ("\"" + new string('b', 255) + "\"", []),
        ("\"" + new string('c', 256) + "\"", []),
        ("\"" + new string('d', 65536) + "\"", []),
        ("\"h\u00e9llo \u20ac \ud83d\ude00 \\u0001\\n\\\"\\\\\"", []),
        ("""{"a":1,"b":{"c":[{"d":null}]},"é":"x","":0}""", []),
        ("[" + string.Join(',', Enumerable.Range(0, 15)) + "]", []),
        ("[" + string.Join(',', Enumerable.Range(0, 16)) + "]", []),
        ("[" + string.Join(',', Enumerable.Range(0, 70_000).Select(i => i % 10)) + "]", []),
        ("{" + string.Join(',', Enumerable.Range(0, 15).Select(i => $"\"k{i}\":{i}")) + "}", []),
        ("{" + string.Join(',', Enumerable.Range(0, 16).Select(i => $"\"k{i}\":{i}")) + "}", []),
        ("""["bin",{"_placeholder":true,"num":0},{"x":[{"_placeholder":true,"num":1},{"y":{"_placeholder":true,"num":2}}]}]""", ["010203", "", "ff"]),
        ("""{"_placeholder":true,"num":0}""", [Convert.ToHexString(new byte[255])]),
        ("""{"_placeholder":true,"num":0}""", [Convert.ToHexString(new byte[256])]),
        ("""{"_placeholder":true,"num":0}""", [Convert.ToHexString(new byte[65536])]),
        ("""[{"_placeholder":false,"num":0}]""", []),
    ];

    /// <summary>MessagePack that notepack decodes but our encoder never writes: legacy forms, extensions, other widths.</summary>
    private static readonly string[] s_foreignMsgpack =
    [
        "d6 ff 39 45 79 80",
        "d7 ff 01 31 2d 00 39 45 79 80",
        "c7 0c ff 1d cd 65 00 ff ff ff ff ff ff ff fe",
        "c7 0c ff 00 00 00 00 00 00 08 00 00 00 00 00",
        "d7 00 00 00 00 df b7 62 9c 05",
        "82 a1 61 d4 00 00 a1 62 92 d4 00 00 01",
        "d4 00 00",
        "92 c7 02 00 01 02 d5 05 03 04",
        "d6 00 01 02 03 04",
        "c8 00 01 fd 09",
        "ca 3f c0 00 00",
        "ca 3d cc cc cd",
        "cb 7f f8 00 00 00 00 00 00",
        "cb ff f0 00 00 00 00 00 00",
        "cb 43 40 00 00 00 00 00 00",
        "d3 ff ff ff ff ff ff ff ff",
        "cf 00 1f ff ff ff ff ff ff",
        "d0 05",
        "84 01 a3 69 6e 74 cb 3f f8 00 00 00 00 00 00 a1 66 c3 a1 74 c0 a1 6e",
        "a3 61 ff 62",
        "d9 03 61 62 63",
        "da 00 01 61",
        "c5 00 01 07",
    ];

    /// <summary>MessagePack both sides refuse.</summary>
    private static readonly string[] s_malformed = ["c1", "92 01", "01 02", "a5 61 62", "cd 01", "c4 05 01"];

    [Fact]
    public async Task WhatWeWrite_IsWhatNotepackWrites()
    {
        var input = new
        {
            encode = s_values.Select(v => new { json = v.Json, attachments = v.Attachments.Select(a => Convert.ToBase64String(Convert.FromHexString(a))) }),
            decode = Array.Empty<string>(),
        };
        var output = await NodeRunner.RunAsync("redis/notepack.mjs", input);
        var expected = output.GetProperty("encoded").EnumerateArray().Select(e => e.GetString()!).ToArray();
        for (var i = 0; i < s_values.Length; i++)
        {
            var ours = JsonToMsgpack.Encode(Utf8(s_values[i].Json), [.. s_values[i].Attachments.Select(a => (ReadOnlyMemory<byte>)Convert.FromHexString(a))]);
            Assert.True(expected[i] == Convert.ToHexStringLower(ours), $"value {i}: notepack {Shorten(expected[i])}, ours {Shorten(Convert.ToHexStringLower(ours))}");
        }
    }

    [Fact]
    public async Task WhatWeRead_IsWhatNodeSendsAClient()
    {
        var random = new Random(Seed);
        var corpus = new List<byte[]>();
        corpus.AddRange(s_values.Select(v => JsonToMsgpack.Encode(Utf8(v.Json), [.. v.Attachments.Select(a => (ReadOnlyMemory<byte>)Convert.FromHexString(a))])));
        corpus.AddRange(s_foreignMsgpack.Select(Captured));
        corpus.AddRange(Enumerable.Range(0, 400).Select(_ => RandomFloat64(random)));
        corpus.AddRange(Enumerable.Range(0, 200).Select(_ => RandomTimestamp(random)));

        var output = await NodeRunner.RunAsync("redis/notepack.mjs", new { encode = Array.Empty<object>(), decode = corpus.Select(Convert.ToBase64String) });
        var decoded = output.GetProperty("decoded").EnumerateArray().ToArray();
        for (var i = 0; i < corpus.Count; i++)
        {
            Assert.False(decoded[i].TryGetProperty("error", out var error), $"input {i} ({Hex(corpus[i])}): notepack refused it: {error}");
            Assert.True(MsgpackToJson.TryReadValue(corpus[i], out var ours, out var ourError), $"input {i} ({Hex(corpus[i])}): {ourError}");
            var json = decoded[i].GetProperty("json").GetString()!;
            Assert.True(json == Text(ours.Json), $"input {i} ({Shorten(Hex(corpus[i]))}): Node {Shorten(json)}, ours {Shorten(Text(ours.Json))}");
            var attachments = decoded[i].GetProperty("attachments").EnumerateArray().Select(a => Convert.FromBase64String(a.GetString()!)).ToArray();
            Assert.Equal(attachments, ours.Attachments.Select(a => a.ToArray()));
        }
    }

    [Fact]
    public async Task WhatNotepackRefuses_WeRefuseToo()
    {
        var output = await NodeRunner.RunAsync("redis/notepack.mjs", new { encode = Array.Empty<object>(), decode = s_malformed.Select(h => Convert.ToBase64String(Captured(h))) });
        var decoded = output.GetProperty("decoded").EnumerateArray().ToArray();
        for (var i = 0; i < s_malformed.Length; i++)
        {
            Assert.True(decoded[i].TryGetProperty("error", out _), $"notepack accepted {s_malformed[i]}");
            Assert.False(MsgpackToJson.TryReadValue(Captured(s_malformed[i]), out _, out _), $"we accepted {s_malformed[i]}");
        }
    }

    [Fact]
    public async Task DeliberateDifferences_KeepTheValue()
    {
        // Integral numbers of 2^64 and beyond: notepack writes a corrupted uint64; we write the float 64, which
        // notepack reads back as the number it was.
        string[] huge = ["1e300", "1.7976931348623157e308"];
        var ours = huge.Select(json => JsonToMsgpack.Encode(Utf8(json), [])).ToArray();
        var output = await NodeRunner.RunAsync("redis/notepack.mjs", new
        {
            encode = huge.Select(json => new { json, attachments = Array.Empty<string>() }),
            decode = ours.Select(Convert.ToBase64String).Append(Convert.ToBase64String(Captured("cf ff ff ff ff ff ff ff ff"))),
        });
        var encoded = output.GetProperty("encoded").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var decoded = output.GetProperty("decoded").EnumerateArray().Select(e => e.GetProperty("json").GetString()!).ToArray();
        Assert.All(encoded, hex => Assert.StartsWith("cf", hex, StringComparison.Ordinal));
        Assert.Equal(["1e+300", "1.7976931348623157e+308"], decoded[..2]);

        // A uint64 beyond 2^53: Node prints the nearest double, we keep every digit; a JavaScript client reads both
        // as the same number.
        Assert.True(MsgpackToJson.TryReadValue(Captured("cf ff ff ff ff ff ff ff ff"), out var exact, out var error), error);
        Assert.Equal("18446744073709552000", decoded[2]);
        Assert.Equal("18446744073709551615", Text(exact.Json));
        Assert.Equal(double.Parse(decoded[2], System.Globalization.CultureInfo.InvariantCulture), double.Parse(Text(exact.Json), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static byte[] RandomFloat64(Random random)
    {
        var value = random.Next(4) switch
        {
            0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
            1 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-25, 25)),
            2 => Math.Round(random.NextDouble() * 1e6, random.Next(0, 8)),
            _ => random.NextInt64(-(1L << 53), 1L << 53) * Math.Pow(2, random.Next(-10, 40)),
        };
        var bytes = new byte[9];
        bytes[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(1), value);
        return bytes;
    }

    private static byte[] RandomTimestamp(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                var ts32 = new byte[] { 0xd6, 0xff, 0, 0, 0, 0 };
                BinaryPrimitives.WriteUInt32BigEndian(ts32.AsSpan(2), (uint)random.NextInt64(0, uint.MaxValue));
                return ts32;
            case 1:
                var ts64 = new byte[] { 0xd7, 0xff, 0, 0, 0, 0, 0, 0, 0, 0 };
                BinaryPrimitives.WriteUInt64BigEndian(ts64.AsSpan(2), ((ulong)random.Next(0, 999_999_999) << 34) | (ulong)random.NextInt64(0, 1L << 34));
                return ts64;
            case 2:
                var ts96 = new byte[15];
                ts96[0] = 0xc7;
                ts96[1] = 12;
                ts96[2] = 0xff;
                BinaryPrimitives.WriteUInt32BigEndian(ts96.AsSpan(3), (uint)random.Next(0, 999_999_999));
                BinaryPrimitives.WriteInt64BigEndian(ts96.AsSpan(7), random.NextInt64(-9_000_000_000_000, 9_000_000_000_000));
                return ts96;
            default:
                var legacy = new byte[10];
                legacy[0] = 0xd7;
                BinaryPrimitives.WriteInt64BigEndian(legacy.AsSpan(2), random.NextInt64(-8_640_000_000_000_000, 8_640_000_000_000_000));
                return legacy;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
