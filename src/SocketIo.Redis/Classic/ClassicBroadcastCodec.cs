using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Classic;

/// <summary>
/// The plain broadcast of the classic adapter and the emitter: always MessagePack, a three-element array
/// <c>[uid, {"type":2,"data":[…],"nsp"}, {"rooms","except","flags"}]</c> (the emitter orders the options
/// <c>rooms, flags, except</c>).
/// </summary>
internal static class ClassicBroadcastCodec
{
    /// <summary>The namespace a packet without one belongs to.</summary>
    private const string DefaultNamespace = "/";

    /// <summary>Encodes a broadcast; <paramref name="layout"/> orders its options as the adapter or the emitter does.</summary>
    public static byte[] Encode(ClassicBroadcast broadcast, OptionsLayout layout = OptionsLayout.RoomsExceptFlags)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        using var writer = new WireWriter(WireFraming.Msgpack);
        writer.Json.WriteStartArray();
        if (broadcast.Uid is { } uid)
        {
            writer.Json.WriteStringValue(uid);
        }
        else
        {
            writer.Json.WriteNullValue();
        }

        writer.WritePacket(broadcast.Packet);
        writer.WriteOptions(broadcast.Options, layout);
        writer.Json.WriteEndArray();
        return writer.ToArray();
    }

    /// <summary>
    /// Decodes a broadcast. Anything but a MessagePack array of at least three elements (a packet object and an
    /// options object among them) is an error: a ClusterAdapter envelope published by another adapter family under
    /// the same prefix lands on the same channels.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out ClassicBroadcast? broadcast, [NotNullWhen(false)] out string? error) =>
        WireReader.TryDecode(payload, WireFraming.Msgpack, Read, out broadcast, out error);

    private static ClassicBroadcast Read(WireReader reader)
    {
        var root = reader.Root;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 3)
        {
            throw new InvalidDataException("a broadcast is not a [uid, packet, opts] array");
        }

        var uid = root[0].ValueKind == JsonValueKind.String ? root[0].GetString() : null;
        var packet = reader.ReadPacket(root[1]);
        if (packet.Nsp is null)
        {
            packet = packet with { Nsp = DefaultNamespace };
        }

        return new ClassicBroadcast(uid, packet, WireReader.ReadOptions(root[2]));
    }
}
