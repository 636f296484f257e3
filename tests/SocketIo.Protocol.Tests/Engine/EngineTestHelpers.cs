using System.Buffers;
using System.Text;
using SocketIo.Protocol.Engine;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>Shorthands for the Engine.IO codec tests: packets as readable strings, frames from strings.</summary>
internal static class EngineTestHelpers
{
    /// <summary>A text packet as its wire text (<c>4hello</c>); a binary message as <c>bin:</c> and its base64.</summary>
    public static string Describe(EnginePacket packet) => packet.IsBinary
        ? "bin:" + Convert.ToBase64String(packet.Data.Span)
        : (char)('0' + (int)packet.Type) + Encoding.UTF8.GetString(packet.Data.Span);

    /// <summary>A text frame holding the packet (type digit included).</summary>
    public static EngineFrame Text(string packet) => EngineFrame.Text(Encoding.UTF8.GetBytes(packet));

    /// <summary>A binary message frame.</summary>
    public static EngineFrame Binary(params byte[] data) => EngineFrame.Binary(data);

    /// <summary>Decodes a v3 text-framed body, given as a string (sent as UTF-8).</summary>
    public static (PayloadDecodeResult Result, List<string> Packets) DecodeV3Text(string body, int maxPackets = 16) =>
        DecodeV3Text(Encoding.UTF8.GetBytes(body), maxPackets);

    /// <summary>Decodes a v3 text-framed body.</summary>
    public static (PayloadDecodeResult Result, List<string> Packets) DecodeV3Text(byte[] body, int maxPackets = 16)
    {
        var packets = new List<EnginePacket>();
        var result = PollingPayloadV3.TryDecodeText(body, maxPackets, packets);
        return (result, packets.Select(Describe).ToList());
    }

    /// <summary>Decodes a v3 binary-framed body.</summary>
    public static (PayloadDecodeResult Result, List<string> Packets) DecodeV3Binary(byte[] body, int maxPackets = 16)
    {
        var packets = new List<EnginePacket>();
        var result = PollingPayloadV3.TryDecodeBinary(body, maxPackets, packets);
        return (result, packets.Select(Describe).ToList());
    }

    /// <summary>Encodes frames as a v3 GET body; returns the framing chosen and the bytes.</summary>
    public static (PollingBodyFormat Format, byte[] Body) EncodeV3(bool supportsBinary, params EngineFrame[] frames)
    {
        var writer = new ArrayBufferWriter<byte>();
        var format = PollingPayloadV3.Encode(frames, supportsBinary, writer);
        return (format, writer.WrittenSpan.ToArray());
    }

    /// <summary>Builds a binary-framed body from its parts: bytes as given, strings as UTF-8.</summary>
    public static byte[] Bytes(params object[] parts) => parts.SelectMany(part => part switch
    {
        string text => Encoding.UTF8.GetBytes(text),
        byte[] bytes => bytes,
        int value => [checked((byte)value)],
        _ => throw new ArgumentException($"Unexpected part {part}."),
    }).ToArray();
}
