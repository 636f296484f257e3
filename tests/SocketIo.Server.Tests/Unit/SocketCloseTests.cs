using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Unit;

/// <summary>A socket's close leaves nothing in the adapter, whatever races it or throws during it.</summary>
public sealed class SocketCloseTests
{
    private readonly SocketIoServer _io = new(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);

    private async Task<(Socket Socket, RecordingConnection Connection, IEngineIoSessionHandler Client)> ConnectAsync()
    {
        var client = new UnitClient(_io);
        var sid = (await client.ConnectAsync())[10..30];
        return (_io.Sockets.Sockets[sid], client.Connection, client.Handler);
    }

    /// <summary>Completes once the socket's close ran to its end (its listeners run on the client's lifecycle queue).</summary>
    private static Task<string> ClosedAsync(Socket socket)
    {
        var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        socket.OnDisconnect(reason => closed.TrySetResult(reason));
        return closed.Task.WaitAsync(Infrastructure.TestTimeouts.Default);
    }

    [Fact]
    public async Task A_client_that_reads_the_server_DISCONNECT_finds_the_socket_disconnected()
    {
        var (socket, connection, _) = await ConnectAsync();
        var closed = ClosedAsync(socket);
        bool? connectedWhenSent = null;
        connection.Sending = frame =>
        {
            if (!frame.IsBinary && Encoding.UTF8.GetString(frame.Payload.Span) == "41")
            {
                connectedWhenSent = socket.Connected;
            }
        };

        socket.Disconnect();

        Assert.False(connectedWhenSent);
        Assert.False(socket.Connected);
        Assert.Equal(SocketIoDisconnectReasons.ServerNamespaceDisconnect, await closed);
    }

    [Fact]
    public async Task A_disconnect_during_the_connect_middleware_leaves_the_socket_to_connect()
    {
        var disconnected = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _io.Sockets.Use(async (socket, next) =>
        {
            socket.Disconnect();
            disconnected.TrySetResult(socket.Connected);
            await next();
        });

        var (socket, connection, _) = await ConnectAsync();

        Assert.False(await disconnected.Task.WaitAsync(Infrastructure.TestTimeouts.Default));
        Assert.True(socket.Connected);
        Assert.DoesNotContain("41", connection.Sent);
    }

    [Fact]
    public async Task A_join_after_the_disconnect_leaves_nothing_in_the_adapter()
    {
        var (socket, _, client) = await ConnectAsync();
        var closed = ClosedAsync(socket);

        client.OnClosed(EngineCloseReasons.TransportClose);
        socket.Join("late");
        socket.Join(["later", "latest"]);
        await closed;

        Assert.Empty(socket.Rooms);
        Assert.Empty(_io.Sockets.Adapter.Rooms);
    }

    [Fact]
    public async Task A_join_during_the_close_leaves_nothing_in_the_adapter()
    {
        var (socket, _, client) = await ConnectAsync();
        socket.OnDisconnecting(_ => socket.Join("joined-while-closing"));
        var closed = ClosedAsync(socket);

        client.OnClosed(EngineCloseReasons.TransportClose);
        await closed;

        Assert.Empty(_io.Sockets.Adapter.Rooms);
    }

    [Fact]
    public async Task A_throwing_room_event_subscriber_does_not_abort_the_close()
    {
        var (socket, _, client) = await ConnectAsync();
        socket.Join("room");
        var closed = ClosedAsync(socket);
        _io.Sockets.Adapter.SocketLeft += (_, _) => throw new InvalidOperationException("subscriber bug");
        _io.Sockets.Adapter.RoomDeleted += _ => throw new InvalidOperationException("subscriber bug");
        var pending = socket.EmitWithAckAsync("question");

        client.OnClosed(EngineCloseReasons.TransportClose);

        await Assert.ThrowsAsync<SocketDisconnectedException>(() => pending.WaitAsync(Infrastructure.TestTimeouts.Default));
        Assert.Equal(EngineCloseReasons.TransportClose, await closed);
        Assert.Empty(_io.Sockets.Adapter.Rooms);
        Assert.Empty(_io.Sockets.Sockets);
    }

    [Fact]
    public async Task A_broadcast_with_ack_counts_only_the_sockets_the_event_was_queued_to()
    {
        var (_, answering, answeringClient) = await ConnectAsync();
        var (closing, closed, _) = await ConnectAsync();

        // The connection is gone but its close has not reached the socket yet: a send to it is refused.
        closed.Close(EngineCloseReasons.TransportError);
        var answers = _io.Timeout(TimeSpan.FromSeconds(30)).EmitWithAckAsync("question");
        await answering.WaitForAsync(f => f == "420[\"question\"]");
        await answeringClient.OnTextMessageAsync(Encoding.UTF8.GetBytes("30[\"yes\"]"));

        Assert.Equal("[\"yes\"]", Assert.Single(await answers.WaitAsync(Infrastructure.TestTimeouts.Default)).ToString());
        Assert.Equal(0, closing.PendingAckCount);
    }
}
