using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Unit;

/// <summary>The Socket.IO layer on a recorded engine session: packets in, frames out, no network.</summary>
public sealed partial class ClientTests
{
    private readonly SocketIoServer _io = new(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);
    private readonly RecordingConnection _connection = new();
    private readonly IEngineIoSessionHandler _client;

    public ClientTests() => _client = _io.EngineHandler.OnOpened(_connection);

    [GeneratedRegex("^40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"\\}$")]
    private static partial Regex ConnectReply();

    [Fact]
    public async Task Connect_replies_with_a_new_sid_before_connection_handlers_emit()
    {
        _io.OnConnection(socket => socket.Emit("hello", socket.Id));

        await SendAsync("0");

        var sent = _connection.Sent;
        Assert.Equal(2, sent.Count);
        Assert.Matches(ConnectReply(), sent[0]);
        var sid = sent[0][10..30];
        Assert.NotEqual(_connection.Id, sid);
        Assert.Equal($"2[\"hello\",\"{sid}\"]", sent[1][1..]);
    }

    [Fact]
    public async Task Binary_arguments_become_placeholders_followed_by_attachment_frames()
    {
        _io.OnConnection(socket => socket.Emit("files", new { a = new byte[] { 1 }, list = new[] { new byte[] { 2, 3 } } }, (byte[])[4]));

        await SendAsync("0");

        Assert.Equal(
            [
                "453-[\"files\",{\"a\":{\"_placeholder\":true,\"num\":0},\"list\":[{\"_placeholder\":true,\"num\":1}]},{\"_placeholder\":true,\"num\":2}]",
                "<bin:01>",
                "<bin:0203>",
                "<bin:04>",
            ],
            _connection.Sent.Skip(1));
    }

    [Fact]
    public async Task Return_value_of_a_handler_is_the_ack_with_the_same_id()
    {
        _io.OnConnection(socket => socket.On("sum", (int a, int b) => a + b));
        await SendAsync("0");

        // A synchronous handler answers before the packet's delivery returns.
        await SendAsync("27[\"sum\",40,2]");

        Assert.Equal("437[42]", _connection.Sent[1]);
    }

    [Fact]
    public async Task Undecodable_packet_closes_the_session_with_parse_error()
    {
        await SendAsync("9");

        Assert.Equal(SocketIoDisconnectReasons.ParseError, _connection.ClosedWith);
    }

    [Fact]
    public async Task Engine_close_disconnects_every_socket_with_the_engine_reason()
    {
        var reasons = new List<string>();
        _io.OnConnection(socket => socket.OnDisconnect(reasons.Add));
        _io.Of("/chat").OnConnection(socket => socket.OnDisconnect(reasons.Add));
        await SendAsync("0");
        await SendAsync("0/chat,");

        _client.OnClosed(EngineCloseReasons.PingTimeout);

        Assert.Equal(["ping timeout", "ping timeout"], reasons);
        Assert.Empty(_io.Sockets.Sockets);
    }

    [Fact]
    public async Task A_connection_closed_while_middleware_awaits_leaves_no_socket_behind()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connected = false;
        _io.Use(async (_, next) =>
        {
            await release.Task;
            await next();
        });
        _io.OnConnection(_ => connected = true);

        var connecting = SendAsync("0").AsTask();
        _client.OnClosed(EngineCloseReasons.TransportClose);
        release.SetResult();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(connected);
        Assert.Empty(_io.Sockets.Sockets);
        Assert.Empty(_io.Sockets.Adapter.Rooms);
        Assert.Empty(_connection.Sent);
    }

    [Fact]
    public async Task The_disconnected_token_is_cancelled_on_disconnect_and_already_cancelled_after()
    {
        CancellationToken fromHandler = default;
        Socket? connected = null;
        _io.OnConnection(socket =>
        {
            connected = socket;
            socket.On("watch", (CancellationToken disconnected) => fromHandler = disconnected);
        });
        await SendAsync("0");
        await SendAsync("2[\"watch\"]");
        Assert.True(fromHandler.CanBeCanceled);
        Assert.False(fromHandler.IsCancellationRequested);

        _client.OnClosed(EngineCloseReasons.TransportClose);

        Assert.True(fromHandler.IsCancellationRequested);
        Assert.True(connected!.Disconnected.IsCancellationRequested);
    }

    [Fact]
    public async Task A_token_first_asked_for_after_the_disconnect_is_already_cancelled()
    {
        Socket? connected = null;
        _io.OnConnection(socket => connected = socket);
        await SendAsync("0");

        _client.OnClosed(EngineCloseReasons.TransportClose);

        Assert.True(connected!.Disconnected.IsCancellationRequested);
    }

    private ValueTask SendAsync(string socketIoPacket) => _client.OnTextMessageAsync(Encoding.UTF8.GetBytes(socketIoPacket));
}
