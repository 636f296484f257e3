using SocketIo.Adapters;
using SocketIo.Redis.Classic;
using SocketIo.Redis.Emitter;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Emitter;

/// <summary>What the emitter publishes, byte for byte as Node's @socket.io/redis-emitter 5.1 does (captured).</summary>
public sealed class EmitterMessagesTests
{
    private static readonly ClassicChannels s_main = new(ClassicChannels.DefaultKey, EmitterMessages.DefaultNamespace);

    [Fact]
    public void FloatBinaryAndVolatile()
    {
        var message = EmitterMessages.Emit(s_main, Payload("""["x",1.5,{"_placeholder":true,"num":0}]""", [1, 2]), Options(except: ["r2"], flags: new BroadcastFlags(Volatile: true)));
        Assert.Equal("socket.io#/#", message.Channel);
        Assert.Equal(
            "93 a7 65 6d 69 74 74 65 72 83 a4 74 79 70 65 02 a4 64 61 74 61 93 a1 78 cb 3f f8 00 00 00 00 00 00 c4 02 01 02 a3 6e 73 70 a1 2f 83 a5 72 6f 6f 6d 73 90 a5 66 6c 61 67 73 81 a8 76 6f 6c 61 74 69 6c 65 c3 a6 65 78 63 65 70 74 91 a2 72 32",
            Hex(message.Payload));
    }

    [Fact]
    public void CapturedEmits()
    {
        var all = EmitterMessages.Emit(s_main, Payload("""["from-emitter",1,{"b":2}]"""), BroadcastOptions.All);
        Assert.Equal(("socket.io#/#", Hex(Captured("""93 a7"emitter" 83 a4"type" 02 a4"data" 93 ac"from-emitter" 01 81 a1"b" 02 a3"nsp" a1"/" 83 a5"rooms" 90 a5"flags" 80 a6"except" 90"""))), (all.Channel, Hex(all.Payload)));

        var room = EmitterMessages.Emit(s_main, Payload("""["from-emitter"]"""), Options(["room1"], ["room2"], new BroadcastFlags(Volatile: true)));
        Assert.Equal(("socket.io#/#room1#", Hex(Captured("""93 a7"emitter" 83 a4"type" 02 a4"data" 91 ac"from-emitter" a3"nsp" a1"/" 83 a5"rooms" 91 a5"room1" a5"flags" 81 a8"volatile" c3 a6"except" 91 a5"room2" """))), (room.Channel, Hex(room.Payload)));

        var chat = EmitterMessages.Emit(new ClassicChannels(ClassicChannels.DefaultKey, EmitterMessages.NormalizeNamespace("chat")), Payload("""["x"]"""), BroadcastOptions.All);
        Assert.Equal(("socket.io#/chat#", Hex(Captured("""93 a7"emitter" 83 a4"type" 02 a4"data" 91 a1"x" a3"nsp" a5"/chat" 83 a5"rooms" 90 a5"flags" 80 a6"except" 90"""))), (chat.Channel, Hex(chat.Payload)));
    }

    [Fact]
    public void OnlyVolatileAndCompress_Travel()
    {
        var message = EmitterMessages.Emit(s_main, Payload("""["x"]"""), Options(flags: new BroadcastFlags(Compress: false, Local: true, Timeout: TimeSpan.FromSeconds(1))));
        Assert.Contains(Hex(Captured("""a5"flags" 81 a8"compress" c2 a6"except" """)), Hex(message.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public void CapturedRequests()
    {
        AssertRequest("""{"type":2,"opts":{"rooms":["room1"],"except":[]},"rooms":["room7"]}""", EmitterMessages.SocketsJoin(s_main, Options(["room1"]), ["room7"]));
        AssertRequest("""{"type":3,"opts":{"rooms":[],"except":[]},"rooms":["room7"]}""", EmitterMessages.SocketsLeave(s_main, BroadcastOptions.All, ["room7"]));
        AssertRequest("""{"type":4,"opts":{"rooms":["nobody"],"except":[]},"close":true}""", EmitterMessages.DisconnectSockets(s_main, Options(["nobody"]), close: true));
        AssertRequest("""{"uid":"emitter","type":6,"data":["hello-srv","from-emitter"]}""", EmitterMessages.ServerSideEmit(s_main, Payload("""["hello-srv","from-emitter"]""")));
    }

    [Theory]
    [InlineData("chat", "/chat")]
    [InlineData("/chat", "/chat")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    public void Namespaces_GetTheirLeadingSlash(string nsp, string expected) => Assert.Equal(expected, EmitterMessages.NormalizeNamespace(nsp));

    [Fact]
    public void OurEmits_ReadBackAsBroadcastsFromTheEmitter()
    {
        var message = EmitterMessages.Emit(s_main, Payload("""["x"]"""), Options(["a", "b"]));
        Assert.True(ClassicBroadcastCodec.TryDecode(message.Payload, out var broadcast, out var error), error);
        Assert.Equal("emitter", broadcast.Uid);
        Assert.Equal(["a", "b"], Sorted(broadcast.Options.Rooms));
        Assert.Equal("socket.io#/#", message.Channel);
    }

    private static void AssertRequest(string expected, EmitterMessage message)
    {
        Assert.Equal("socket.io-request#/#", message.Channel);
        Assert.Equal(expected, Text(message.Payload));
    }
}
