using Microsoft.Extensions.Logging;
using SocketIo.Redis;
using SocketIo.Redis.Tests.Infrastructure;
using SocketIo.Server.Tests.Cluster;

namespace SocketIo.Server.Tests.Redis;

/// <summary>
/// Two of our servers on a real Redis that goes away for a while and comes back on the same port: clients keep
/// getting what their own server sends, emits that nobody awaits fail quietly, cross-node delivery resumes by itself,
/// and each server logs one line per transition — none per failed emit.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly string _key = RedisKeys.Unique();
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _unobserved = new();

    public Task InitializeAsync()
    {
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _redis.Stop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        Assert.Empty(_unobserved);
    }

    [Fact]
    public async Task Local_clients_are_served_through_an_outage_and_the_cluster_resumes()
    {
        var a = Start();
        var b = Start();
        var (onA, _) = await a.Node.ConnectAsync();
        var (onB, _) = await b.Node.ConnectAsync();
        await DeliveredAcrossAsync(a.Node, onB, "before");

        _redis.Stop();
        await a.Node.WaitForLogAsync("Redis is unreachable");
        for (var i = 0; i < 20; i++)
        {
            // Not awaited, as an application that fires and forgets would: each fails, quietly.
            _ = a.Node.Io.EmitAsync("during", i);
        }

        await onA.WaitForAsync(f => f == "42[\"during\",19]");
        Assert.Equal(20, onA.Sent.Count(f => f.StartsWith("42[\"during\"", StringComparison.Ordinal)));
        Assert.False(a.Node.Io.Sockets.Adapter.IsConnected);

        _redis.Start();
        await a.Node.WaitForLogAsync("Redis is reachable again");
        await b.Node.WaitForLogAsync("Redis is reachable again");
        await DeliveredAcrossAsync(a.Node, onB, "after");
        await DeliveredAcrossAsync(b.Node, onA, "after-from-b");
        Assert.DoesNotContain(onB.Sent, f => f.StartsWith("42[\"during\"", StringComparison.Ordinal));

        foreach (var node in new[] { a.Node, b.Node })
        {
            var lines = node.Logs.Where(l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal)).ToArray();
            Assert.Equal(["Warning 600", "Information 601"], lines.Select(l => string.Join(' ', l.Split(' ')[..2])));
        }
    }

    /// <summary>Emits from one server until the other's client gets it (bounded): a message can fall in the gap while subscriptions are made again.</summary>
    private static async Task DeliveredAcrossAsync(TestNode sender, Unit.RecordingConnection receiver, string name)
    {
        var frame = $"42[\"{name}\"]";
        using var deadline = new CancellationTokenSource(Infrastructure.TestTimeouts.Default);
        while (!receiver.Sent.Contains(frame))
        {
            Assert.False(deadline.IsCancellationRequested, $"the other server's client never got {name}");
            try
            {
                await sender.Io.EmitAsync(name);
            }
            catch (SocketIo.Adapters.AdapterUnavailableException)
            {
                // Not reconnected yet.
            }

            try
            {
                await receiver.WaitForAsync(f => f == frame).WaitAsync(TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
                // Try again.
            }
        }
    }

    private (TestNode Node, RedisAdapterFactory Factory) Start()
    {
        TestNode? node = null;
        var factory = new RedisAdapterFactory(_redis.Configuration, new RedisAdapterOptions { Key = _key }, new NodeLoggers(() => node!));
        _owned.Add(factory);
        node = new TestNode(factory);
        _owned.Add(node);
        return (node, factory);
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => _unobserved.Enqueue(e.Exception);

    /// <summary>Sends the Redis connection's log lines to the node's own log, as one server's logging would.</summary>
    private sealed class NodeLoggers(Func<TestNode> node) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new NodeLogger(node);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class NodeLogger(Func<TestNode> node) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => node().AddLog($"{logLevel} {eventId.Id} {formatter(state, exception)}");
        }
    }
}
