using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>Engine.IO v3 over WebSocket with a raw client: binary led by the type byte, base64 on request, the upgrade.</summary>
public sealed class Eio3WebSocketTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_direct_websocket_gets_the_open_packet_unframed_without_upgrades()
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var socket = await client.ConnectWebSocketAsync("transport=websocket");
        var open = await socket.ReceiveTextAsync();
        Assert.StartsWith("0{", open, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(open[1..]);
        Assert.Equal("[]", json.RootElement.GetProperty("upgrades").GetRawText());
        var session = await client.Server.Handler.NextSessionAsync();
        Assert.Equal((3, "websocket"), (session.Connection.ProtocolVersion, session.Connection.Transport));
    }

    [Fact]
    public async Task Binary_messages_are_led_by_the_type_byte_both_ways()
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var socket = await client.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await client.Server.Handler.NextSessionAsync();
        await socket.SendTextAsync("4hello");
        await socket.SendBinaryAsync([4, 1, 2, 3, 4]);
        Assert.Equal("4hello", await socket.ReceiveTextAsync());
        Assert.Equal(new byte[] { 4, 1, 2, 3, 4 }, await socket.ReceiveBinaryAsync());
        Assert.Equal(["hello", "binary:01020304"], session.Messages);
    }

    [Fact]
    public async Task One_binary_frame_reaches_a_v3_and_a_v4_socket_each_in_its_form()
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var v3 = await client.ConnectWebSocketAsync("transport=websocket");
        await v3.ReceiveTextAsync();
        var v3Session = await client.Server.Handler.NextSessionAsync();
        using var v4 = await client.Server.ConnectWebSocketAsync("transport=websocket");
        await v4.ReceiveTextAsync();
        var v4Session = await client.Server.Handler.NextSessionAsync();

        // The same frame (the same bytes) queued on both sessions, as a broadcast does.
        EngineFrame[] frames = [EngineFrame.Binary(new byte[] { 9, 8, 7 })];
        v3Session.Connection.Send(frames);
        v4Session.Connection.Send(frames);
        Assert.Equal(new byte[] { 4, 9, 8, 7 }, await v3.ReceiveBinaryAsync());
        Assert.Equal(new byte[] { 9, 8, 7 }, await v4.ReceiveBinaryAsync());
    }

    [Fact]
    public async Task A_client_asking_for_b64_sends_and_gets_binary_as_base64_text()
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var socket = await client.ConnectWebSocketAsync("transport=websocket&b64=1");
        await socket.ReceiveTextAsync();
        var session = await client.Server.Handler.NextSessionAsync();
        await socket.SendTextAsync("b4AQIDBA==");
        Assert.Equal("b4AQIDBA==", await socket.ReceiveTextAsync());
        Assert.Equal(["binary:01020304"], session.Messages);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[0])]
    public async Task A_binary_message_not_led_by_the_message_type_closes_with_parse_error(byte[] message)
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var socket = await client.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await client.Server.Handler.NextSessionAsync();
        await socket.SendBinaryAsync(message);
        await socket.ReceiveCloseAsync();
        Assert.Equal(EngineCloseReasons.ParseError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Empty(session.Messages);
    }

    [Fact]
    public async Task A_client_close_packet_closes_the_websocket()
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var socket = await client.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await client.Server.Handler.NextSessionAsync();
        await socket.SendTextAsync("1");
        await socket.ReceiveCloseAsync();
        Assert.Equal(EngineCloseReasons.TransportClose, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Upgrade_sequence_with_the_framed_noop()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        using var socket = await client.ConnectWebSocketAsync("transport=websocket&sid=" + sid);
        await socket.SendTextAsync("2probe");
        Assert.Equal("3probe", await socket.ReceiveTextAsync());

        // The 2.x client pauses polling before it sends 5: its GET is released with a noop.
        Assert.Equal((HttpStatusCode.OK, "1:6"), await client.PollAsync(sid));
        await socket.SendTextAsync("5");
        await socket.SendTextAsync("4hello");
        await socket.SendBinaryAsync([4, 1, 2]);
        Assert.Equal("4hello", await socket.ReceiveTextAsync());
        Assert.Equal(new byte[] { 4, 1, 2 }, await socket.ReceiveBinaryAsync());
        Assert.Equal("websocket", session.Connection.Transport);

        Assert.Equal((HttpStatusCode.BadRequest, """{"code":3,"message":"Bad request"}"""), await client.PollAsync(sid));
        using (var second = await client.ConnectWebSocketAsync("transport=websocket&sid=" + sid))
        {
            Assert.Equal(HttpStatusCode.SwitchingProtocols, second.HttpStatusCode);
            await second.ReceiveCloseAsync();
        }

        await socket.SendTextAsync("4still");
        Assert.Equal("4still", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Frames_queued_for_a_b64_polling_session_go_binary_on_its_upgraded_websocket()
    {
        // Whether binary travels as base64 is decided per transport request: the WebSocket did not ask for it.
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync("&b64=1");
        using var socket = await client.UpgradeAsync(sid);
        session.Connection.Send([EngineFrame.Binary(new byte[] { 5, 6 })]);
        Assert.Equal(new byte[] { 4, 5, 6 }, await socket.ReceiveBinaryAsync());
    }
}
