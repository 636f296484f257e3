using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SocketIo.Adapters;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;

namespace SocketIo.Server.Tests.Cluster;

/// <summary>Each namespace gets one adapter, started before first use and closed when the namespace or the host goes.</summary>
public sealed class AdapterLifecycleTests
{
    [Fact]
    public async Task Concurrent_lookups_create_one_namespace_and_one_adapter()
    {
        var adapters = new RecordingAdapterFactory();
        await using var node = new TestNode(adapters);
        using var start = new Barrier(8);

        // Dedicated threads, not the pool's: eight pool threads blocked at the barrier starved every other test's server
        // in this process until the pool had grown by six threads, seconds on two cores (a client's connect timed out).
        var found = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TestTimeouts.Default);
                return node.Io.Of("/race");
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.All(found, nsp => Assert.Same(found[0], nsp));
        Assert.Equal(1, RecordingAdapterFactory.Count(adapters.Created, "/race"));
        await found[0].EmitAsync("ready"); // waits for the start
        Assert.Equal(1, RecordingAdapterFactory.Count(adapters.Initialized, "/race"));
    }

    [Fact]
    public async Task Concurrent_connects_create_a_dynamic_child_and_its_adapter_once()
    {
        var adapters = new RecordingAdapterFactory();
        await using var node = new TestNode(adapters);
        var parent = node.Io.Of(new Regex("^/dyn$"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => node.ConnectAsync("/dyn"))));

        var child = Assert.Single(parent.Children.Values);
        Assert.Equal(8, child.Sockets.Count);
        Assert.Equal(1, RecordingAdapterFactory.Count(adapters.Created, "/dyn"));
        Assert.Equal(1, RecordingAdapterFactory.Count(adapters.Initialized, "/dyn"));
        Assert.DoesNotContain(adapters.Created, n => n.StartsWith("/_", StringComparison.Ordinal)); // a parent has no adapter of the factory's
    }

    [Fact]
    public async Task Nothing_reaches_a_namespace_before_its_adapter_started()
    {
        var adapters = new RecordingAdapterFactory();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        adapters.HoldInit = release.Task;
        await using var node = new TestNode(adapters);
        var nsp = node.Io.Of("/held");

        // Both would complete synchronously if they did not wait for the start (no middleware, in-memory delivery).
        var connecting = node.ConnectAsync("/held");
        var emitting = nsp.EmitAsync("early");

        Assert.False(connecting.IsCompleted);
        Assert.False(emitting.IsCompleted);
        Assert.Empty(nsp.Sockets);
        release.SetResult();
        var (connection, _) = await connecting.WaitAsync(TestTimeouts.Default);
        await emitting.WaitAsync(TestTimeouts.Default);
        Assert.StartsWith("40/held,{\"sid\":", connection.Sent[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_adapter_that_fails_to_start_is_logged_and_its_namespace_serves_locally()
    {
        var adapters = new RecordingAdapterFactory { HoldInit = Task.FromException(new IOException("no bus")) };
        await using var node = new TestNode(adapters);
        node.Io.Of("/broken");

        var (connection, _) = await node.ConnectAsync("/broken");
        await node.Io.Of("/broken").EmitAsync("still-here");

        Assert.Contains(node.Logs, l => l.Contains("The adapter of /broken failed to start", StringComparison.Ordinal));
        Assert.Contains("42/broken,[\"still-here\"]", connection.Sent);
    }

    [Fact]
    public async Task Removing_an_empty_dynamic_child_closes_its_adapter_once()
    {
        var adapters = new RecordingAdapterFactory();
        await using var node = new TestNode(adapters, o => o.CleanupEmptyChildNamespaces = true);
        var parent = node.Io.Of(new Regex("^/room-\\d+$"));
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        parent.OnConnection(socket => socket.OnDisconnect(_ => left.TrySetResult()));
        var (_, client) = await node.ConnectAsync("/room-1");
        var child = node.Io.Namespaces["/room-1"];

        await TestNode.SendAsync(client, "1/room-1,");
        await left.Task.WaitAsync(TestTimeouts.Default); // the removal runs on the client's lifecycle queue, before this
        await child.CloseAdapterAsync().WaitAsync(TestTimeouts.Default);

        Assert.Empty(parent.Children);
        Assert.False(node.Io.Namespaces.ContainsKey("/room-1"));
        Assert.Equal(["/room-1"], adapters.Closed);
    }

    [Fact]
    public async Task The_host_starts_every_adapter_and_stops_them_once_while_connections_are_still_open()
    {
        var adapters = new RecordingAdapterFactory();
        var disconnected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await TestHost.StartAsync(
            app =>
            {
                var io = app.MapSocketIo();
                io.Of("/chat");
                io.OnConnection(socket => socket.OnDisconnect(reason => disconnected.TrySetResult(reason)));
            },
            b =>
            {
                b.Services.AddSingleton<IAdapterFactory>(adapters);
                b.Services.AddSocketIo();
            });
        await using var client = await RawSocketIoClient.ConnectAsync(host);
        await client.SendAsync("40");
        Assert.StartsWith("40{\"sid\":", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        Assert.Equal(["/", "/chat"], adapters.Initialized.Order(StringComparer.Ordinal));

        await host.DisposeAsync();

        Assert.Equal(["/", "/chat"], adapters.Closed.Order(StringComparer.Ordinal));
        Assert.Equal(["/", "/chat"], adapters.Created.Order(StringComparer.Ordinal));
        Assert.Equal(SocketIoDisconnectReasons.ServerShuttingDown, await disconnected.Task.WaitAsync(TestTimeouts.Default));
    }
}
