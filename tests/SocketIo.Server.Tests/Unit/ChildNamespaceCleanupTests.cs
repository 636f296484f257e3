using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>An empty dynamic child namespace is removed, but never under a connect still in its middleware.</summary>
public sealed class ChildNamespaceCleanupTests
{
    private readonly SocketIoServer _io = new(Options.Create(new SocketIoOptions { CleanupEmptyChildNamespaces = true }), NullLoggerFactory.Instance);

    [Fact]
    public async Task The_last_socket_leaving_while_another_connects_keeps_the_child_its_handlers_and_its_broadcasts()
    {
        var parent = _io.Of(new Regex("^/room-\\d+$"));
        var inMiddleware = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        parent.Use(async (socket, next) =>
        {
            if (socket.Handshake.Auth.TryGetProperty("slow", out _))
            {
                inMiddleware.TrySetResult();
                await release.Task; // an authorization call that takes a while
            }

            await next();
        });
        var firstLeft = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        parent.OnConnection(socket => socket.OnDisconnect(_ => firstLeft.TrySetResult()));
        var first = new UnitClient(_io);
        await first.ConnectAsync("/room-1");
        var child = parent.Children["/room-1"];
        child.OnConnection(socket => socket.Emit("from the child's own handler"));

        var second = new UnitClient(_io);
        var connecting = second.SendAsync("0/room-1,{\"slow\":true}"); // not awaited: it may wait for the middleware
        await inMiddleware.Task.WaitAsync(TestTimeouts.Default);
        await first.SendAsync("1/room-1,");
        await firstLeft.Task.WaitAsync(TestTimeouts.Default); // its cleanup ran before its disconnect listeners
        release.SetResult();
        await connecting;
        await second.Connection.WaitForSentAsync(f => f.StartsWith("40/room-1,{\"sid\"", StringComparison.Ordinal), "the CONNECT reply");

        Assert.Same(child, _io.Namespaces["/room-1"]);
        Assert.Same(child, parent.Children["/room-1"]);
        Assert.Single(child.Sockets);
        await second.Connection.WaitForSentAsync(f => f == "42/room-1,[\"from the child's own handler\"]", "the child's handler");
        await parent.EmitAsync("to every child");
        await second.Connection.WaitForSentAsync(f => f == "42/room-1,[\"to every child\"]", "the parent's broadcast");
    }

    [Fact]
    public async Task The_child_goes_once_its_last_socket_left_and_a_new_connect_gets_a_fresh_one()
    {
        var parent = _io.Of(new Regex("^/room-\\d+$"));
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        parent.OnConnection(socket => socket.OnDisconnect(_ => left.TrySetResult()));
        var client = new UnitClient(_io);
        await client.ConnectAsync("/room-2");
        var child = parent.Children["/room-2"];

        await client.SendAsync("1/room-2,");
        await left.Task.WaitAsync(TestTimeouts.Default);

        Assert.False(_io.Namespaces.ContainsKey("/room-2"));
        Assert.Empty(parent.Children);
        Assert.StartsWith("40/room-2,{\"sid\"", await client.ConnectAsync("/room-2"), StringComparison.Ordinal);
        Assert.NotSame(child, _io.Namespaces["/room-2"]);
        Assert.Same(_io.Namespaces["/room-2"], parent.Children["/room-2"]);
    }
}
