using System.Buffers;
using MessagePack;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// The server with the MessagePack parser on a bare WebSocket: every packet one binary message; packets the Node
/// server drops are dropped and the connection goes on; malformed ones, and text messages, close that connection only.
/// </summary>
public sealed class MessagePackWireTests(ITestOutputHelper output)
{
    private static readonly ISocketIoParser Parser = SocketIoParsers.MessagePack;

    [Fact]
    public async Task Connect_events_and_acks_are_one_binary_message_each()
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);

        await client.SendAsync(Encode(Parser.EncodeControl(SocketIoPacketType.Connect, "/", [])));
        var connect = await ReceivePacketAsync(client);
        Assert.Equal(SocketIoPacketType.Connect, connect.Type);
        var sid = connect.Data!.Value.GetProperty("sid").GetString();
        Assert.Equal(server.Io.Sockets.Sockets.Keys.Single(), sid);

        await client.SendAsync(Event("/", 7, "ping", "x"));
        var ack = await ReceivePacketAsync(client);
        Assert.Equal(SocketIoPacketType.Ack, ack.Type);
        Assert.Equal(7, ack.AckId);
        Assert.Equal("[\"pong\",\"x\"]", ack.Data!.Value.GetRawText());
    }

    [Fact]
    public async Task Packets_the_Node_server_drops_are_dropped_and_the_connection_stays()
    {
        await using var server = await StartAsync();
        await using var client = await ConnectRootAsync(server);

        await client.SendAsync(Map((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(3);
            w.Write("type");
            w.Write(3);
            w.Write("data");
            w.WriteArrayHeader(1);
            w.Write("late");
            w.Write("nsp");
            w.Write("/");
        }));
        await client.SendAsync(Event("/", null));
        await client.SendAsync(Event("/", 1, "ping", 1));

        var ack = await ReceivePacketAsync(client);
        Assert.Equal(1, ack.AckId);
        Assert.Equal("[\"pong\",1]", ack.Data!.Value.GetRawText());
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("nil")]
    [InlineData("text")]
    [InlineData("type 5")]
    [InlineData("reserved name")]
    [InlineData("not joined")]
    [InlineData("trailing byte")]
    public async Task Invalid_packets_close_that_connection_and_no_other(string kind)
    {
        await using var server = await StartAsync();
        await using var bystander = await ConnectRootAsync(server);
        await using var client = await ConnectRootAsync(server);

        switch (kind)
        {
            case "empty": await client.SendAsync(Array.Empty<byte>()); break;
            case "nil": await client.SendAsync([0xc0]); break;
            case "text": await client.SendAsync("42[\"ping\"]"); break;
            case "type 5": await client.SendAsync(Map((ref MessagePackWriter w) => { w.WriteMapHeader(3); w.Write("type"); w.Write(5); w.Write("data"); w.WriteArrayHeader(1); w.Write("ping"); w.Write("nsp"); w.Write("/"); })); break;
            case "reserved name": await client.SendAsync(Event("/", null, "disconnect", "spoofed")); break;
            case "not joined": await client.SendAsync(Event("/other", null, "ping")); break;
            default: await client.SendAsync([.. Event("/", null, "ping"), 0x00]); break;
        }

        await client.AssertClosedByServerAsync();
        Assert.Equal(1, server.Io.Sockets.Sockets.Count(s => s.Value.Connected));

        await bystander.SendAsync(Event("/", 2, "ping", "unharmed"));
        Assert.Equal("[\"pong\",\"unharmed\"]", (await ReceivePacketAsync(bystander)).Data!.Value.GetRawText());
    }

    private Task<SocketIoTestServer> StartAsync() => SocketIoTestServer.StartAsync(
        output,
        io => io.OnConnection(socket => socket.On("ping", (System.Text.Json.JsonElement value, SocketIoAck ack) => ack.Send("pong", value))),
        o => o.Parser = Parser);

    private static async Task<RawSocketIoClient> ConnectRootAsync(SocketIoTestServer server)
    {
        var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync(Encode(Parser.EncodeControl(SocketIoPacketType.Connect, "/", [])));
        Assert.Equal(SocketIoPacketType.Connect, (await ReceivePacketAsync(client)).Type);
        return client;
    }

    private static async Task<SocketIoPacket> ReceivePacketAsync(RawSocketIoClient client)
    {
        var message = await client.ReceiveBinaryAsync();
        var status = Parser.CreateDecoder(new SocketIoDecoderOptions()).DecodeBinary(message, out var packet, out var error);
        Assert.True(status == SocketIoDecodeStatus.Packet, $"{status} {error}");
        return packet!;
    }

    /// <summary>An EVENT as the client sends it: <c>[name, …args]</c> (no name: an empty array), with an optional ack id.</summary>
    private static byte[] Event(string nsp, long? ackId, params object[] nameAndArgs)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(nameAndArgs);
        return Encode(Parser.EncodeEvent(nsp, new PacketPayload(json, []), ackId));
    }

    private static byte[] Encode(Protocol.Engine.EngineFrame[] frames) => Assert.Single(frames).Payload.ToArray();

    private static byte[] Map(WriteMessage write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        write(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private delegate void WriteMessage(ref MessagePackWriter writer);
}
