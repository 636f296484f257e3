using System.Buffers;
using System.Text;
using MessagePack;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Msgpack;

/// <summary>Shorthands for the MessagePack conversion tests: hex in, hex and JSON text out.</summary>
internal static class MsgpackTestHelpers
{
    /// <summary>Bytes from spaced hex (<c>"93 a6 41"</c>).</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));

    /// <summary>Lower-case hex with a space between bytes, for readable failures.</summary>
    public static string ToHex(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The MessagePack of a JSON value and its attachments.</summary>
    public static string Encode(string json, params byte[][] attachments) =>
        ToHex(JsonToMsgpack.Encode(Encoding.UTF8.GetBytes(json), [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)]));

    /// <summary>Decodes MessagePack given as hex and asserts success.</summary>
    public static PayloadValue Decode(string hex)
    {
        Assert.True(MsgpackToJson.TryReadValue(Hex(hex), out var value, out var error), error);
        return value;
    }

    /// <summary>Decodes MessagePack given as hex and asserts success and no attachments; returns the JSON text.</summary>
    public static string DecodeToJson(string hex)
    {
        var value = Decode(hex);
        Assert.Empty(value.Attachments);
        return Encoding.UTF8.GetString(value.Json.Span);
    }

    /// <summary>Decodes MessagePack given as hex and asserts failure; returns the error.</summary>
    public static string DecodeFails(string hex) => DecodeFails(Hex(hex));

    /// <summary>Decodes MessagePack and asserts failure; returns the error.</summary>
    public static string DecodeFails(byte[] bytes)
    {
        Assert.False(MsgpackToJson.TryReadValue(bytes, out var value, out var error));
        Assert.Null(value);
        Assert.False(string.IsNullOrEmpty(error));
        return error;
    }

    /// <summary>MessagePack written with MessagePack-CSharp's own writer, for inputs notepack never produces.</summary>
    public static byte[] Write(WriteAction write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        write(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    public delegate void WriteAction(ref MessagePackWriter writer);
}
