using System.Text.Json;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Interop;

/// <summary>
/// The real <c>engine.io-client</c> (npm, pinned in tests/interop/package.json) against our Engine.IO endpoint with an
/// echo application. Each test runs one scenario script from tests/interop/engine and checks what the client
/// observed and what the server's handler saw. The scripts were checked against the Node reference server
/// (tests/interop/reference/engine-echo-server.mjs), whose behaviour these assertions follow.
/// </summary>
public sealed class EngineIoClientTests(ITestOutputHelper output)
{
    private const int MaxPayload = 1_000_000;

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task One_transport_only_echoes_and_answers_pings_then_the_client_closes(string transport)
    {
        await using var server = await EchoServer.StartAsync(output);

        var result = await NodeScript.RunAsync("engine/single-transport.mjs", [server.EngineUrl, transport], output);

        result.AssertRan();
        var handshake = result.SingleEvent("handshake");
        Assert.Equal(20, handshake.StringProperty("sid")!.Length);
        Assert.Equal(transport == "polling" ? ["websocket"] : Array.Empty<string>(), Strings(handshake.GetProperty("upgrades")));
        Assert.Equal(300, handshake.NumberProperty("pingInterval"));
        Assert.Equal(5000, handshake.NumberProperty("pingTimeout"));
        Assert.Equal(MaxPayload, handshake.NumberProperty("maxPayload"));
        Assert.Equal(transport, result.SingleEvent("open").StringProperty("transport"));
        Assert.Equal(["text:hello", "binary:AQID"], Messages(result));
        Assert.All(result.Events("message"), m => Assert.Equal(transport, m.StringProperty("transport")));
        Assert.True(result.Events("ping").Count >= 2, result.ToString());
        Assert.Empty(result.Events("upgrade"));
        Assert.Empty(result.Events("timeout"));
        Assert.Equal("forced close", result.SingleEvent("close").StringProperty("reason"));

        var session = Assert.Single(server.Echo.Sessions);
        Assert.Equal(handshake.StringProperty("sid"), session.Connection.Id);
        Assert.Equal(transport, session.TransportAtOpen);
        Assert.Equal(EngineCloseReasons.TransportClose, await session.WaitClosedAsync());
        Assert.Equal(["hello"], session.ReceivedTexts());
        Assert.Equal([1, 2, 3], Assert.Single(session.Received, m => m.IsBinary).Data);
    }

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    [InlineData("upgrade")]
    public async Task Text_and_binary_come_back_unchanged_and_in_order(string transport)
    {
        await using var server = await EchoServer.StartAsync(output);

        var result = await NodeScript.RunAsync("engine/text-binary.mjs", [server.EngineUrl, transport], output);

        result.AssertRan();
        var sent = result.Events("sent").Select(Describe).ToList();
        Assert.Equal(9, sent.Count);
        Assert.Equal(sent, Messages(result));
        Assert.Empty(result.Events("timeout"));
        Assert.Equal("forced close", result.SingleEvent("close").StringProperty("reason"));

        var session = Assert.Single(server.Echo.Sessions);
        Assert.Equal(EngineCloseReasons.TransportClose, await session.WaitClosedAsync());
        Assert.Equal(sent, session.Received.Select(m => m.IsBinary
            ? "binary:" + Convert.ToBase64String(m.Data)
            : "text:" + System.Text.Encoding.UTF8.GetString(m.Data)));
    }

    [Fact]
    public async Task Polling_upgrades_to_websocket_and_every_message_arrives_once_in_order()
    {
        await using var server = await EchoServer.StartAsync(output);

        var result = await NodeScript.RunAsync("engine/upgrade.mjs", [server.EngineUrl], output);

        result.AssertRan();
        Assert.Equal("polling", result.SingleEvent("open").StringProperty("transport"));
        Assert.Equal("websocket", result.SingleEvent("upgrading").StringProperty("transport"));
        Assert.Equal("websocket", result.SingleEvent("upgrade").StringProperty("transport"));
        Assert.Empty(result.Events("upgradeError"));
        Assert.Empty(result.Events("timeout"));
        var events = result.Lines.Select(l => l.Event()).ToList();
        Assert.True(events.IndexOf("open") < events.IndexOf("upgrading") && events.IndexOf("upgrading") < events.IndexOf("upgrade"));

        var expected = Enumerable.Range(1, 50)
            .Select(n => n % 5 == 0 ? "binary:" + Convert.ToBase64String([(byte)n]) : $"text:msg-{n}")
            .ToList();
        Assert.Equal(expected, Messages(result));
        Assert.Equal(["before-open", "open", "upgrading", "upgrade", "after-upgrade"], result.Events("sent").Select(l => l.StringProperty("phase")));
        var lastMessage = result.Events("message")[^1];
        Assert.Equal("websocket", lastMessage.StringProperty("transport"));

        var session = Assert.Single(server.Echo.Sessions);
        Assert.Equal(EngineCloseReasons.TransportClose, await session.WaitClosedAsync());
        Assert.Equal("polling", session.TransportAtOpen);
        Assert.Equal("websocket", session.TransportAtClose);
        Assert.Equal(50, session.Received.Count);
    }

    [Theory]
    [InlineData("polling", "text", MaxPayload - 1)] // POST body "4" + 999,999 characters: exactly maxPayload
    [InlineData("websocket", "text", MaxPayload - 1)] // frame "4" + 999,999 characters: exactly maxPayload
    [InlineData("websocket", "binary", MaxPayload)] // a binary frame holds only the data
    public async Task A_message_at_max_payload_is_accepted(string transport, string kind, int size)
    {
        // Not a heartbeat test: a megabyte round trip on a busy 2-core machine can hold a pong past 1 s.
        await using var server = await EchoServer.StartAsync(output, pingTimeout: TimeSpan.FromSeconds(10));

        var result = await NodeScript.RunAsync("engine/max-payload.mjs", [server.EngineUrl, transport, kind, size.ToString(System.Globalization.CultureInfo.InvariantCulture)], output);

        result.AssertRan();
        var echo = result.SingleEvent("echo");
        Assert.Equal(kind, echo.StringProperty("type"));
        Assert.Equal(size, echo.NumberProperty("length"));
        Assert.True(echo.GetProperty("intact").GetBoolean(), "the echo differs from what was sent");
        Assert.Equal("still-open", result.SingleEvent("message").StringProperty("data"));
        Assert.Equal("forced close", result.SingleEvent("close").StringProperty("reason"));

        var session = Assert.Single(server.Echo.Sessions);
        Assert.Equal(EngineCloseReasons.TransportClose, await session.WaitClosedAsync());
        Assert.Equal(size, session.Received.First().Data.Length);
    }

    [Fact]
    public async Task A_polling_body_over_max_payload_gets_413_and_the_client_gives_up()
    {
        await using var server = await EchoServer.StartAsync(output);

        // "4" + 1,000,000 characters: one byte over.
        var result = await NodeScript.RunAsync("engine/max-payload.mjs", [server.EngineUrl, "polling", "text", "1000000"], output);

        result.AssertRan();
        Assert.Empty(result.Events("echo"));
        Assert.Equal("xhr post error", result.SingleEvent("error").StringProperty("message"));
        var close = result.SingleEvent("close");
        Assert.Equal("transport error", close.StringProperty("reason"));
        Assert.Equal(413, close.ObjectProperty("details")?.NumberProperty("status"));

        var session = Assert.Single(server.Echo.Sessions);
        Assert.Empty(session.Received);
    }

    [Fact]
    public async Task A_websocket_message_over_max_payload_closes_the_connection_with_1009()
    {
        await using var server = await EchoServer.StartAsync(output);

        var result = await NodeScript.RunAsync("engine/max-payload.mjs", [server.EngineUrl, "websocket", "binary", "1000001"], output);

        result.AssertRan();
        Assert.Empty(result.Events("echo"));
        var close = result.SingleEvent("close");
        Assert.Equal("transport close", close.StringProperty("reason"));
        Assert.Equal(1009, close.ObjectProperty("details")?.NumberProperty("code"));

        var session = Assert.Single(server.Echo.Sessions);
        await session.WaitClosedAsync();
        Assert.Empty(session.Received);
    }

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task A_client_that_stops_answering_pings_is_closed_by_the_server_with_ping_timeout(string transport)
    {
        await using var server = await EchoServer.StartAsync(output, pingTimeout: TimeSpan.FromMilliseconds(200));

        var result = await NodeScript.RunAsync("engine/ping-timeout.mjs", [server.EngineUrl, transport], output);

        result.AssertRan();
        Assert.NotEmpty(result.Events("ping-ignored"));
        // Over polling, a busy machine can delay the client's next GET past the close: it then finds the session gone
        // (HTTP 400) and reports a transport error instead of the close packet, as it would with Node.
        string[] reasons = transport == "polling" ? ["transport close", "transport error"] : ["transport close"];
        Assert.Contains(result.SingleEvent("close").StringProperty("reason"), reasons);
        // pingInterval + pingTimeout = 500 ms after the open, measured by the client from before its handshake: never
        // sooner; later only by what a busy machine adds, so the upper bound is generous.
        var closedAfter = result.SingleEvent("closed-after").NumberProperty("ms");
        Assert.InRange(closedAfter!.Value, 450, (long)TestTimeouts.Default.TotalMilliseconds);

        var session = Assert.Single(server.Echo.Sessions);
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.WaitClosedAsync());
    }

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task A_server_close_flushes_what_was_queued_and_the_client_sees_the_close(string transport)
    {
        await using var server = await EchoServer.StartAsync(output);

        var result = await NodeScript.RunAsync("engine/server-close.mjs", [server.EngineUrl, transport], output);

        result.AssertRan();
        Assert.Equal(["text:before", "text:bye"], Messages(result));
        Assert.Equal("transport close", result.SingleEvent("close").StringProperty("reason"));
        Assert.Empty(result.Events("timeout"));

        var session = Assert.Single(server.Echo.Sessions);
        Assert.Equal(EngineCloseReasons.ForcedClose, await session.WaitClosedAsync());
        Assert.Equal(["before", RecordingEchoHandler.CloseCommand], session.ReceivedTexts());
    }

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task The_server_sends_and_closes_from_outside_a_handler(string transport)
    {
        await using var server = await EchoServer.StartAsync(output);
        await using var node = NodeScript.Start("engine/idle.mjs", [server.EngineUrl, transport], output);

        await node.WaitForEventAsync("open");
        var session = await server.Echo.FirstSession.WaitAsync(TestTimeouts.Default);
        Assert.Equal(EngineSendResult.Queued, session.Connection.Send([EngineFrame.Text("4from-server"u8.ToArray()), EngineFrame.Binary(new byte[] { 9, 8, 7 })]));
        var text = await node.WaitForEventAsync("message");
        var binary = await node.WaitForEventAsync("message");
        session.Connection.Close();
        var close = await node.WaitForEventAsync("close");
        var result = await node.WaitForExitAsync();

        result.AssertRan();
        Assert.Equal("from-server", text.StringProperty("data"));
        Assert.Equal(Convert.ToBase64String([9, 8, 7]), binary.StringProperty("base64"));
        Assert.Equal("transport close", close.StringProperty("reason"));
        Assert.Equal(EngineCloseReasons.ForcedClose, await session.WaitClosedAsync());
        Assert.False(session.Connection.IsOpen);
        Assert.Equal(EngineSendResult.Closed, session.Connection.Send([EngineFrame.Text("4late"u8.ToArray())]));
    }

    /// <summary>The messages the client received, as <c>text:&lt;data&gt;</c> or <c>binary:&lt;base64&gt;</c>.</summary>
    private static List<string> Messages(NodeScriptResult result) => [.. result.Events("message").Select(Describe)];

    private static string Describe(JsonElement line) => line.StringProperty("type") == "binary"
        ? "binary:" + line.StringProperty("base64")
        : "text:" + line.StringProperty("data");

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>A test server with the echo application at <c>/engine.io/</c>.</summary>
    private sealed class EchoServer : IAsyncDisposable
    {
        private readonly TestHost _host;

        private EchoServer(TestHost host, RecordingEchoHandler echo)
        {
            _host = host;
            Echo = echo;
        }

        public RecordingEchoHandler Echo { get; }

        /// <summary>Gets the URL the scripts take: the server and the Engine.IO path.</summary>
        public string EngineUrl => _host.Url("engine.io/").ToString();

        /// <summary>
        /// Starts the server: pingInterval 300 ms as in the conformance setup, so the real client's heartbeat runs during
        /// every scenario; pingTimeout 5 s unless a test needs the conformance 200 ms, so that a busy machine does not
        /// time out sessions the test did not mean to.
        /// </summary>
        public static async Task<EchoServer> StartAsync(ITestOutputHelper output, TimeSpan? pingTimeout = null)
        {
            var echo = new RecordingEchoHandler();
            var host = await TestHost.StartAsync(
                app => app.MapEngineIo("/engine.io/", echo, o =>
                {
                    o.PingInterval = TimeSpan.FromMilliseconds(300);
                    o.PingTimeout = pingTimeout ?? TimeSpan.FromSeconds(5);
                    o.MaxHttpBufferSize = MaxPayload;
                }),
                output: output);
            return new EchoServer(host, echo);
        }

        public ValueTask DisposeAsync() => _host.DisposeAsync();
    }
}
