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
        Socket? connected = null;
        _io.OnConnection(socket => connected ??= socket);
        var connection = new RecordingConnection();
        var client = _io.EngineHandler.OnOpened(connection);
        await client.OnTextMessageAsync(Encoding.UTF8.GetBytes("0"));
        return (connected!, connection, client);
    }

    [Fact]
    public async Task A_join_after_the_disconnect_leaves_nothing_in_the_adapter()
    {
        var (socket, _, client) = await ConnectAsync();

        client.OnClosed(EngineCloseReasons.TransportClose);
        socket.Join("late");
        socket.Join(["later", "latest"]);

        Assert.Empty(socket.Rooms);
        Assert.Empty(_io.Sockets.Adapter.Rooms);
    }

    [Fact]
    public async Task A_join_during_the_close_leaves_nothing_in_the_adapter()
    {
        var (socket, _, client) = await ConnectAsync();
        socket.OnDisconnecting(_ => socket.Join("joined-while-closing"));

        client.OnClosed(EngineCloseReasons.TransportClose);

        Assert.Empty(_io.Sockets.Adapter.Rooms);
    }

    [Fact]
    public async Task A_throwing_room_event_subscriber_does_not_abort_the_close()
    {
        var (socket, _, client) = await ConnectAsync();
        socket.Join("room");
        var reasons = new List<string>();
        socket.OnDisconnect(reasons.Add);
        _io.Sockets.Adapter.SocketLeft += (_, _) => throw new InvalidOperationException("subscriber bug");
        _io.Sockets.Adapter.RoomDeleted += _ => throw new InvalidOperationException("subscriber bug");
        var pending = socket.EmitWithAckAsync("question");

        client.OnClosed(EngineCloseReasons.TransportClose);

        await Assert.ThrowsAsync<SocketDisconnectedException>(() => pending.WaitAsync(Infrastructure.TestTimeouts.Default));
        Assert.Equal([EngineCloseReasons.TransportClose], reasons);
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
