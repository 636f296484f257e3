using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary><see cref="Socket.Conn"/>, Node's <c>socket.conn</c>, with the real client.</summary>
public sealed class SocketConnectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_connection_is_shared_by_the_clients_sockets_and_announces_its_upgrade_to_websocket()
    {
        var seen = new TaskCompletionSource<(string AtConnect, bool Shared, bool SameId)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Socket? root = null;
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.OnConnection(socket =>
            {
                root = socket;
                var atConnect = socket.Conn.Transport;
                socket.Conn.Upgraded += transport => socket.Emit("upgraded", transport, socket.Conn.Transport, atConnect);
            });
            io.Of("/other").OnConnection(socket => seen.TrySetResult((root!.Conn.Transport, ReferenceEquals(root.Conn, socket.Conn), socket.Conn.Id == socket.ConnectionId)));
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "a", transports = new[] { "polling", "websocket" }, multiplex = true },
            new { op = "connect", client = "b", nsp = "/other", transports = new[] { "polling", "websocket" }, multiplex = true },
            new { op = "wait", client = "a", @event = "upgraded" },
            new { op = "disconnect", client = "a" });

        Assert.Equal("[\"websocket\",\"websocket\",\"polling\"]", Assert.Single(result.Received("upgraded", "a")));
        var (_, shared, sameId) = await seen.Task.WaitAsync(TestTimeouts.Default);
        Assert.True(shared, "The sockets of one client saw different connections.");
        Assert.True(sameId);
    }

    [Fact]
    public async Task Closing_the_connection_disconnects_every_socket_of_the_client_with_forced_close()
    {
        var reasons = new List<string>();
        var bothGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Track(Socket socket) => socket.OnDisconnect(reason =>
        {
            lock (reasons)
            {
                reasons.Add(reason);
                if (reasons.Count == 2)
                {
                    bothGone.TrySetResult();
                }
            }
        });
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.OnConnection(socket =>
            {
                Track(socket);
                socket.On("close-me", () => socket.Conn.Close());
            });
            io.Of("/other").OnConnection(Track);
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "a", transports = new[] { "websocket" }, multiplex = true },
            new { op = "connect", client = "b", nsp = "/other", transports = new[] { "websocket" }, multiplex = true },
            new { op = "emit", client = "a", @event = "close-me", args = Array.Empty<object>() },
            new { op = "waitDisconnect", client = "a" });

        Assert.Equal("transport close", result.Only("disconnect", "a").GetProperty("reason").GetString());
        await bothGone.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(["forced close", "forced close"], reasons);
    }
}
