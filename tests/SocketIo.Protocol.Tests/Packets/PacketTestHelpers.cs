using System.Text;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>Shorthands for the codec tests: wire strings in, wire strings out.</summary>
internal static class PacketTestHelpers
{
    /// <summary>Decodes a text message given with its Engine.IO <c>4</c> prefix, as the suites write it.</summary>
    public static SocketIoDecodeStatus DecodeWire(this SocketIoPacketDecoder decoder, string wire, out SocketIoPacket? packet, out string? error)
    {
        Assert.StartsWith("4", wire, StringComparison.Ordinal);
        return decoder.DecodeText(Encoding.UTF8.GetBytes(wire[1..]), out packet, out error);
    }

    /// <summary>Decodes a complete text packet and asserts success.</summary>
    public static SocketIoPacket DecodeOne(string wire, SocketIoDecoderOptions? options = null)
    {
        var decoder = new SocketIoPacketDecoder(options);
        var status = decoder.DecodeWire(wire, out var packet, out var error);
        Assert.True(status == SocketIoDecodeStatus.Packet, $"{wire}: {status} {error}");
        Assert.Null(error);
        Assert.NotNull(packet);
        Assert.False(decoder.IsAwaitingAttachments);
        return packet;
    }

    /// <summary>Encodes a packet to its text message, as a string.</summary>
    public static string EncodeToString(SocketIoPacket packet) => Encoding.UTF8.GetString(SocketIoPacketEncoder.Encode(packet));

    /// <summary>
    /// Asserts what every decoder result promises: a packet exactly for <see cref="SocketIoDecodeStatus.Packet"/> and
    /// <see cref="SocketIoDecodeStatus.Ignored"/>, a reason for Ignored and Error, and the decoder waiting for
    /// attachments exactly after <see cref="SocketIoDecodeStatus.AwaitingAttachments"/>.
    /// </summary>
    public static void AssertConsistent(SocketIoPacketDecoder decoder, SocketIoDecodeStatus status, SocketIoPacket? packet, string? error)
    {
        Assert.True(Enum.IsDefined(status), $"unknown status {status}");
        Assert.Equal(status is SocketIoDecodeStatus.Packet or SocketIoDecodeStatus.Ignored, packet is not null);
        Assert.Equal(status is SocketIoDecodeStatus.Ignored or SocketIoDecodeStatus.Error, !string.IsNullOrEmpty(error));
        Assert.Equal(status == SocketIoDecodeStatus.AwaitingAttachments, decoder.IsAwaitingAttachments);
    }

    /// <summary>
    /// Encodes a decoded packet, decodes that again with its attachments, and asserts the second decoding encodes to
    /// the same bytes and carries the same attachments: nothing the decoder accepts is lost or changed on the way out.
    /// </summary>
    public static void AssertReencodesTheSame(SocketIoPacket packet, string context)
    {
        var encoded = SocketIoPacketEncoder.Encode(packet);
        var decoder = new SocketIoPacketDecoder();
        var status = decoder.DecodeText(encoded.AsSpan(1), out var again, out var error);
        foreach (var attachment in packet.Attachments)
        {
            Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, status);
            status = decoder.DecodeBinary(attachment, out again, out error);
        }

        Assert.True(status == SocketIoDecodeStatus.Packet, $"{context}: {Encoding.UTF8.GetString(encoded)} re-decoded as {status} {error}");
        Assert.Equal(encoded, SocketIoPacketEncoder.Encode(again!));
        Assert.Equal(packet.Attachments, again!.Attachments);
    }

    /// <summary>The compact JSON of the payload, or null.</summary>
    public static string? DataText(this SocketIoPacket packet) => packet.Data?.GetRawText();
}
