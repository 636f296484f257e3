using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>The Socket.IO layer on a recorded engine session: packets in, frames out, no network.</summary>
public sealed partial class ClientTests
{
    private readonly SocketIoServer _io = new(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);
    private readonly UnitClient _client;

    public ClientTests() => _client = new UnitClient(_io);

    private RecordingConnection Connection => _client.Connection;

    [GeneratedRegex("^40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"\\}$")]
    private static partial Regex ConnectReply();

    [Fact]
    public async Task Connect_replies_with_a_new_sid_before_connection_handlers_emit()
    {
        _io.OnConnection(socket => socket.Emit("hello", socket.Id));

        await _client.ConnectAsync();
        await Connection.WaitForFramesAsync(2);

        var sent = Connection.Sent;
        Assert.Equal(2, sent.Count);
        Assert.Matches(ConnectReply(), sent[0]);
        var sid = sent[0][10..30];
        Assert.NotEqual(Connection.Id, sid);
        Assert.Equal($"2[\"hello\",\"{sid}\"]", sent[1][1..]);
    }

    [Fact]
    public async Task Binary_arguments_become_placeholders_followed_by_attachment_frames()
    {
        _io.OnConnection(socket => socket.Emit("files", new { a = new byte[] { 1 }, list = new[] { new byte[] { 2, 3 } } }, (byte[])[4]));

        await _client.ConnectAsync();
        await Connection.WaitForFramesAsync(5);

        Assert.Equal(
            [
                "453-[\"files\",{\"a\":{\"_placeholder\":true,\"num\":0},\"list\":[{\"_placeholder\":true,\"num\":1}]},{\"_placeholder\":true,\"num\":2}]",
                "<bin:01>",
                "<bin:0203>",
                "<bin:04>",
            ],
            Connection.Sent.Skip(1));
    }

    [Fact]
    public async Task Return_value_of_a_handler_is_the_ack_with_the_same_id()
    {
        _io.OnConnection(socket => socket.On("sum", (int a, int b) => a + b));
        await _client.ConnectAsync();

        // A synchronous handler answers before the packet's delivery returns.
        await _client.SendAsync("27[\"sum\",40,2]");

        Assert.Equal("437[42]", Connection.Sent[1]);
    }

    [Fact]
    public async Task Each_namespace_keeps_its_own_socket_as_namespaces_come_and_go()
    {
        foreach (var name in new[] { "/", "/chat", "/admin" })
        {
            _io.Of(name).OnConnection(socket => socket.On("which", () => socket.Id));
        }

        static string SidOf(string answer)
            => System.Text.Json.JsonDocument.Parse(answer[answer.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("sid").GetString()!;
        var ackId = 0;
        async Task<string> AskAsync(string nsp)
        {
            var prefix = nsp == "/" ? string.Empty : nsp + ",";
            var id = ++ackId;
            await _client.SendAsync($"2{prefix}{id}[\"which\"]");
            var answer = await Connection.WaitForSentAsync(f => f.StartsWith($"43{prefix}{id}[", StringComparison.Ordinal), $"the answer to {id}");
            return System.Text.Json.JsonDocument.Parse(answer[(answer.IndexOf('[', StringComparison.Ordinal))..]).RootElement[0].GetString()!;
        }

        var root = SidOf(await _client.ConnectAsync());
        var chat = SidOf(await _client.ConnectAsync("/chat"));
        var admin = SidOf(await _client.ConnectAsync("/admin"));
        Assert.Equal([root, chat, admin], [await AskAsync("/"), await AskAsync("/chat"), await AskAsync("/admin")]);

        // The first namespace and one of the others leave, then come back as new sockets; the third is untouched.
        await _client.SendAsync("1");
        await _client.SendAsync("1/chat,");
        Assert.Empty(_io.Sockets.Sockets);
        Assert.Empty(_io.Of("/chat").Sockets);
        var chatAgain = SidOf(await _client.ConnectAsync("/chat"));
        var rootAgain = SidOf(await _client.ConnectAsync());
        Assert.DoesNotContain(chatAgain, new[] { root, chat, admin });
        Assert.DoesNotContain(rootAgain, new[] { root, chat, admin, chatAgain });
        Assert.Equal([rootAgain, chatAgain, admin], [await AskAsync("/"), await AskAsync("/chat"), await AskAsync("/admin")]);
        Assert.Null(Connection.ClosedWith);
    }

    [Fact]
    public async Task Undecodable_packet_closes_the_session_with_parse_error()
    {
        await _client.SendAsync("9");

        Assert.Equal(SocketIoDisconnectReasons.ParseError, Connection.ClosedWith);
    }

    [Fact]
    public async Task Engine_close_disconnects_every_socket_with_the_engine_reason()
    {
        var reasons = new ConcurrentQueue<string>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Record(string reason)
        {
            reasons.Enqueue(reason);
            if (reasons.Count == 2)
            {
                both.TrySetResult();
            }
        }

        _io.OnConnection(socket => socket.OnDisconnect(Record));
        _io.Of("/chat").OnConnection(socket => socket.OnDisconnect(Record));
        await _client.ConnectAsync();
        await _client.ConnectAsync("/chat");

        _client.Handler.OnClosed(EngineCloseReasons.PingTimeout);

        // At once: no socket is left to broadcast to; the listeners follow on the client's lifecycle queue.
        Assert.Empty(_io.Sockets.Sockets);
        Assert.Empty(_io.Of("/chat").Sockets);
        await both.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(["ping timeout", "ping timeout"], reasons);
    }

    [Fact]
    public async Task A_connection_closed_while_middleware_awaits_leaves_no_socket_behind()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var undone = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connected = false;
        _io.Use(async (socket, next) =>
        {
            socket.OnDisconnect(reason => undone.TrySetResult(reason));
            await release.Task;
            await next();
        });
        _io.OnConnection(_ => connected = true);

        await _client.SendAsync("0");
        _client.Handler.OnClosed(EngineCloseReasons.TransportClose);
        release.SetResult();

        Assert.Equal("transport close", await undone.Task.WaitAsync(TestTimeouts.Default));
        Assert.False(connected);
        Assert.Empty(_io.Sockets.Sockets);
        Assert.Empty(_io.Sockets.Adapter.Rooms);
        Assert.Empty(Connection.Sent);
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
        await _client.ConnectAsync();
        await _client.SendAsync("2[\"watch\"]");
        Assert.True(fromHandler.CanBeCanceled);
        Assert.False(fromHandler.IsCancellationRequested);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = fromHandler.Register(cancelled.SetResult);

        _client.Handler.OnClosed(EngineCloseReasons.TransportClose);

        await cancelled.Task.WaitAsync(TestTimeouts.Default);
        Assert.True(connected!.Disconnected.IsCancellationRequested);
    }

    [Fact]
    public async Task A_token_first_asked_for_after_the_disconnect_is_already_cancelled()
    {
        Socket? connected = null;
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _io.OnConnection(socket =>
        {
            connected = socket;
            socket.OnDisconnect(_ => disconnected.TrySetResult());
        });
        await _client.ConnectAsync();

        _client.Handler.OnClosed(EngineCloseReasons.TransportClose);

        await disconnected.Task.WaitAsync(TestTimeouts.Default);
        Assert.True(connected!.Disconnected.IsCancellationRequested);
    }

    [Fact]
    public async Task The_engine_close_returns_at_once_while_a_disconnect_listener_blocks()
    {
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _io.OnConnection(socket => socket.OnDisconnect(_ =>
        {
            started.TrySetResult();
            release.Wait(TestTimeouts.Default);
        }));
        await _client.ConnectAsync();

        try
        {
            // The engine may call this on its timer loop: it must not wait for user code.
            await Task.Run(() => _client.Handler.OnClosed(EngineCloseReasons.PingTimeout)).WaitAsync(TestTimeouts.Default);
            await started.Task.WaitAsync(TestTimeouts.Default);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task After_Disconnect_returns_the_socket_is_gone_while_its_listeners_still_run_elsewhere()
    {
        using var release = new ManualResetEventSlim();
        var listener = new TaskCompletionSource<(int Thread, string[] Rooms)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Socket? connected = null;
        _io.OnConnection(socket =>
        {
            connected = socket;
            socket.Join("lobby");
            socket.OnDisconnecting(_ =>
            {
                listener.TrySetResult((Environment.CurrentManagedThreadId, [.. socket.Rooms]));
                release.Wait(TestTimeouts.Default);
            });
        });
        await _client.ConnectAsync();
        var pendingAck = connected!.EmitWithAckAsync("question");
        var framesBefore = Connection.Frames.Count;

        try
        {
            var caller = Environment.CurrentManagedThreadId;
            connected.Disconnect();

            Assert.False(connected.Connected);
            Assert.Empty(_io.Sockets.Sockets);
            await Assert.ThrowsAsync<SocketDisconnectedException>(() => pendingAck.WaitAsync(TestTimeouts.Default));
            await _io.To("lobby").EmitAsync("after");
            Assert.Equal(["41"], Connection.Sent.Skip(framesBefore));

            var (thread, rooms) = await listener.Task.WaitAsync(TestTimeouts.Default);
            Assert.NotEqual(caller, thread);
            Assert.Equal(new[] { "lobby", connected.Id }.Order(StringComparer.Ordinal), rooms.Order(StringComparer.Ordinal));
        }
        finally
        {
            release.Set();
        }
    }
}
