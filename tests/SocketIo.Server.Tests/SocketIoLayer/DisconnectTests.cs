using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>The disconnect reasons and the disconnecting/disconnect order.</summary>
public sealed class DisconnectTests(ITestOutputHelper output)
{
    private sealed class Recorder
    {
        public TaskCompletionSource<string> Disconnecting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Disconnect { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string[]> RoomsWhileDisconnecting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> ConnectedAfterDisconnect { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Attach(Socket socket)
        {
            socket.OnDisconnecting(reason =>
            {
                RoomsWhileDisconnecting.TrySetResult([.. socket.Rooms]);
                Disconnecting.TrySetResult(reason);
            });
            socket.OnDisconnect(reason =>
            {
                ConnectedAfterDisconnect.TrySetResult(socket.Connected);
                Disconnect.TrySetResult(reason);
            });
        }
    }

    [Fact]
    public async Task Client_disconnect_gives_client_namespace_disconnect_and_disconnecting_still_sees_rooms()
    {
        var recorder = new Recorder();
        string? id = null;
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            id = socket.Id;
            recorder.Attach(socket);
        }));

        await server.RunAsync(new { op = "connect" }, new { op = "disconnect" });

        Assert.Equal("client namespace disconnect", await recorder.Disconnecting.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal("client namespace disconnect", await recorder.Disconnect.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal([id!], await recorder.RoomsWhileDisconnecting.Task.WaitAsync(TestTimeouts.Default));
        Assert.False(await recorder.ConnectedAfterDisconnect.Task.WaitAsync(TestTimeouts.Default));
        Assert.Empty(server.Io.Sockets.Sockets);
    }

    [Fact]
    public async Task Server_disconnect_gives_server_namespace_disconnect_on_both_sides()
    {
        var recorder = new Recorder();
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            recorder.Attach(socket);
            socket.On("kick-me", () => socket.Disconnect());
        }));

        var result = await server.RunAsync(
            new { op = "connect" },
            new { op = "emit", @event = "kick-me" },
            new { op = "waitDisconnect" });

        Assert.Equal("io server disconnect", result.Only("disconnect").GetProperty("reason").GetString());
        Assert.Equal("server namespace disconnect", await recorder.Disconnect.Task.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Disconnect_with_close_ends_every_namespace_and_the_connection()
    {
        var root = new Recorder();
        var admin = new Recorder();
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.OnConnection(root.Attach);
            io.Of("/admin").OnConnection(socket =>
            {
                admin.Attach(socket);
                socket.On("close-all", () => socket.Disconnect(close: true));
            });
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "root", multiplex = true },
            new { op = "connect", client = "admin", nsp = "/admin", multiplex = true },
            new { op = "emit", client = "admin", @event = "close-all" },
            new { op = "waitDisconnect", client = "root" },
            new { op = "waitDisconnect", client = "admin" });

        Assert.Equal("server namespace disconnect", await root.Disconnect.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal("server namespace disconnect", await admin.Disconnect.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal("io server disconnect", result.Only("disconnect", "root").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Lost_connection_gives_transport_close()
    {
        var recorder = new Recorder();
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(recorder.Attach));

        await server.RunAsync(new { op = "connect" }, new { op = "closeEngine" });

        Assert.Equal("transport close", await recorder.Disconnect.Task.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Server_shutdown_gives_server_shutting_down()
    {
        var recorder = new Recorder();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            recorder.Attach(socket);
            connected.TrySetResult();
        }));
        await using (server)
        {
            await using var client = NodeScript.Start(
                "socketio/driver.mjs",
                [server.Host.BaseUri.ToString(), """[{"op":"connect"},{"op":"waitDisconnect","timeout":20000}]"""],
                output);
            await connected.Task.WaitAsync(TestTimeouts.Default);
            await server.Host.DisposeAsync();

            Assert.Equal("server shutting down", await recorder.Disconnect.Task.WaitAsync(TestTimeouts.Default));
            var result = await client.WaitForExitAsync();
            var disconnect = Assert.Single(result.Lines, l => l.StringProperty("op") == "disconnect");
            Assert.Equal("transport close", disconnect.StringProperty("reason"));
        }
    }
}
