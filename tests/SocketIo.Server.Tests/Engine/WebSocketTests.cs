using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class WebSocketTests(ITestOutputHelper output)
{
    private static Action<EngineIoOptions> NoPing => o => o.PingInterval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Direct_websocket_gets_the_open_packet_without_upgrades()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        var open = await socket.ReceiveTextAsync();
        using var json = JsonDocument.Parse(open[1..]);
        Assert.Equal(
            ["sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[]", json.RootElement.GetProperty("upgrades").GetRawText());
        var session = await server.Handler.NextSessionAsync();
        Assert.Equal("websocket", session.Connection.Transport);
        Assert.Equal(json.RootElement.GetProperty("sid").GetString(), session.Connection.Id);
    }

    [Fact]
    public async Task Text_and_binary_are_echoed_one_packet_per_frame()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        await socket.SendTextAsync("4hello");
        await socket.SendBinaryAsync([1, 2, 3, 4]);
        await socket.SendTextAsync("4world");
        Assert.Equal("4hello", await socket.ReceiveTextAsync());
        var (type, data) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, data);
        Assert.Equal("4world", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Client_close_packet_closes_at_once()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        await socket.SendTextAsync("1");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
        Assert.Equal(EngineCloseReasons.TransportClose, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Client_open_packets_are_ignored_as_Node_does()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        await socket.SendTextAsync("0");
        await socket.SendTextAsync("0{\"sid\":\"x\"}");
        await socket.SendTextAsync("4after");

        // The echo of the message sent after them proves the session read past them and stays open.
        Assert.Equal("4after", await socket.ReceiveTextAsync());
        Assert.Equal(["after"], session.Messages);
        Assert.False(session.Closed.IsCompleted);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.DoesNotContain(server.Host.Logs, l => l.Contains("protocol violation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_close_frame_closes_the_session()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        Assert.Equal(EngineCloseReasons.TransportClose, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task An_invalid_text_frame_closes_with_parse_error()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        await socket.SendTextAsync("abc");
        await socket.ReceiveCloseAsync();
        Assert.Equal(EngineCloseReasons.ParseError, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task An_oversized_message_closes_with_1009()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.MaxHttpBufferSize = 1000;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        await socket.SendTextAsync("4" + new string('x', 5000));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Empty(session.Messages);
    }

    [Fact]
    public async Task A_message_at_the_limit_is_accepted()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.MaxHttpBufferSize = 10_000;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var text = "4" + new string('y', 9_999);
        await socket.SendTextAsync(text);
        Assert.Equal(text, await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Server_close_flushes_then_sends_close_packet()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        await socket.SendTextAsync("4before");
        await socket.SendTextAsync("4cmd:close");
        Assert.Equal("4before", await socket.ReceiveTextAsync());
        Assert.Equal("1", await socket.ReceiveTextAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
        Assert.Equal(EngineCloseReasons.ForcedClose, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Unknown_eio_on_websocket_is_refused()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(
            server.Host.WebSocketUrl("engine.io/?EIO=3&transport=websocket"), CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }
}
