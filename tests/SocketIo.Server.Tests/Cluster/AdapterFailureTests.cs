using SocketIo.Adapters.Tests.Cluster;

namespace SocketIo.Server.Tests.Cluster;

/// <summary>
/// When the adapter's bus fails: the awaiting caller gets the error, local clients are still served, and a caller who
/// does not await gets a log line, never an unobserved task exception.
/// </summary>
public sealed class AdapterFailureTests
{
    [Fact]
    public async Task An_awaited_operation_throws_the_bus_error_and_local_clients_still_get_the_event()
    {
        var bus = new InMemoryBus();
        await using var node = TestNode.On(bus);
        var (connection, _) = await node.ConnectAsync();
        bus.Fail();

        var error = await Assert.ThrowsAsync<IOException>(() => node.Io.EmitAsync("news"));
        await Assert.ThrowsAsync<IOException>(() => node.Io.SocketsJoinAsync("room"));
        await Assert.ThrowsAsync<IOException>(() => node.Io.ServerSideEmitAsync("to-nodes"));

        Assert.Equal("The bus is down.", error.Message);
        Assert.Contains("42[\"news\"]", connection.Sent);
        Assert.Contains("room", node.Io.Sockets.Sockets.Values.Single().Rooms);
    }

    [Fact]
    public async Task A_failure_nobody_awaits_is_logged_once_per_outage_and_never_unobserved()
    {
        var bus = new InMemoryBus();
        await using var node = TestNode.On(bus);
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> watch = (_, e) =>
        {
            if (e.Exception.InnerExceptions.Any(i => i.Message == "The bus is down."))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        };
        TaskScheduler.UnobservedTaskException += watch;
        try
        {
            bus.Fail();
            FireAndForget(node.Io);
            FireAndForget(node.Io);
            await node.WaitForLogAsync("A cluster operation (broadcast) failed again");
            bus.Fail(false);
            FireAndForget(node.Io);
            await node.WaitForLogAsync("Cluster operations succeed again");

            // Whatever was not observed is reported when the tasks are collected.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= watch;
        }

        Assert.Single(node.Logs, l => l.StartsWith("Warning 400 A cluster operation (broadcast) failed", StringComparison.Ordinal));
        Assert.Single(node.Logs, l => l.StartsWith("Debug 401 A cluster operation (broadcast) failed again", StringComparison.Ordinal));
        Assert.Empty(unobserved);
    }

    /// <summary>In its own method, so no reference to the task outlives it.</summary>
    private static void FireAndForget(SocketIoServer io) => _ = io.EmitAsync("news");
}
