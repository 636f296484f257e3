using SocketIo.Adapters;
using SocketIo.Adapters.Wire;
using SocketIo.Redis.Classic;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Classic;

/// <summary>The classic adapter's plain broadcast: the MessagePack array [uid, packet, opts].</summary>
public sealed class ClassicBroadcastCodecTests
{
    /// <summary>A broadcast to room1 (published on socket.io#/#room1#), as notepack.io 3.0.1 encodes it.</summary>
    private const string RoomBroadcast = """
        93 a6 41 42 43 44 45 46 83 a4 74 79 70 65 02 a4 64 61 74 61 92 a5 68 65 6c 6c 6f a5 77 6f 72 6c 64 a3 6e 73 70 a1 2f
        83 a5 72 6f 6f 6d 73 91 a5 72 6f 6f 6d 31 a6 65 78 63 65 70 74 90 a5 66 6c 61 67 73 80
        """;

    [Fact]
    public void RoomBroadcast_IsWhatWeWrite_AndReads()
    {
        var broadcast = new ClassicBroadcast("ABCDEF", new BroadcastPacket(Payload("""["hello","world"]"""), "/"), Options(["room1"]));
        Assert.Equal(Hex(Captured(RoomBroadcast)), Hex(ClassicBroadcastCodec.Encode(broadcast)));

        var read = Decode(Captured(RoomBroadcast));
        Assert.Equal("ABCDEF", read.Uid);
        Assert.Equal("/", read.Packet.Nsp);
        Assert.Equal("""["hello","world"]""", Text(read.Packet.Data.Json));
        Assert.Equal(["room1"], Sorted(read.Options.Rooms));
        Assert.Empty(read.Options.Except);
        Assert.Same(BroadcastFlags.None, read.Options.Flags);
    }

    [Fact]
    public void CapturedTwoRoomBroadcast_KeepsItsFlags()
    {
        var captured = Captured("""
            93 a6"892Yz2" 83 a4"type" 02 a4"data" 92 a5"hello" a3"two" a3"nsp" a1"/"
            83 a5"rooms" 92 a5"room1" a5"room2" a6"except" 91 a5"room3" a5"flags" 82 a8"volatile" c3 a8"compress" c2
            """);
        var read = Decode(captured);
        Assert.Equal(["room1", "room2"], Sorted(read.Options.Rooms));
        Assert.Equal(["room3"], Sorted(read.Options.Except));
        Assert.Equal(new BroadcastFlags(Volatile: true, Compress: false), read.Options.Flags);

        // Written back with the same content; the order of the two rooms is the set's (receivers make a set of them).
        var written = Decode(ClassicBroadcastCodec.Encode(read));
        Assert.Equal(Sorted(read.Options.Rooms), Sorted(written.Options.Rooms));
        Assert.Equal(read.Options.Flags, written.Options.Flags);
        Assert.Equal(captured.Length, ClassicBroadcastCodec.Encode(read).Length);
    }

    [Fact]
    public void CapturedBinaryAndDate_ReadAsAnAttachmentAndIsoText()
    {
        var read = Decode(Captured("""
            93 a6"892Yz2" 83 a4"type" 02 a4"data" 93 a3"bin" c4 03 01 02 03 d6 ff 39 45 79 80 a3"nsp" a1"/"
            83 a5"rooms" 90 a6"except" 90 a5"flags" 80
            """));
        AssertPayload("""["bin",{"_placeholder":true,"num":0},"2000-06-13T00:00:00.000Z"]""", [[1, 2, 3]], Text(read.Packet.Data.Json), read.Packet.Data.Attachments);
    }

    [Fact]
    public void MissingNamespace_ReadsAsTheMainOne_AndType5AsAnEvent()
    {
        var read = Decode(Captured("""93 a7"emitter" 82 a4"type" 05 a4"data" 91 a1"x" 80"""));
        Assert.Equal("/", read.Packet.Nsp);
        Assert.Equal("emitter", read.Uid);
        Assert.Empty(read.Options.Rooms);
    }

    [Fact]
    public void AClusterEnvelopeOnTheSameChannel_IsAnError_NotACrash()
    {
        // What a streams adapter with the same prefix publishes where the classic adapter's pattern listens.
        var envelope = Captured("""83 a4"type" 03 a3"uid" a2"ab" a3"nsp" a1"/" """);
        Assert.False(ClassicBroadcastCodec.TryDecode(envelope, out var broadcast, out var error));
        Assert.Null(broadcast);
        Assert.Contains("[uid, packet, opts]", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""92 a1"u" 80""", "[uid, packet, opts]")]
    [InlineData("""93 a1"u" 80 80""", "missing \"type\"")]
    [InlineData("""93 a1"u" 82 a4"type" 02 a4"data" 90 c0""", "\"opts\" is not an object")]
    [InlineData("""93 a1"u" 82 a4"type" 01 a4"data" 90 80""", "type 1")]
    [InlineData("""7b 22 61 22 7d""", "trailing")]
    [InlineData("", "truncated")]
    public void Malformed_IsAnError(string notation, string expected)
    {
        Assert.False(ClassicBroadcastCodec.TryDecode(Captured(notation), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void UidThatIsNotAString_ReadsAsNone()
    {
        var read = Decode(Captured("""93 07 82 a4"type" 02 a4"data" 91 a1"x" 80"""));
        Assert.Null(read.Uid);
    }

    private static ClassicBroadcast Decode(byte[] payload)
    {
        Assert.True(ClassicBroadcastCodec.TryDecode(payload, out var broadcast, out var error), error);
        return broadcast;
    }
}
