using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Server.Tests.Engine;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// A CONNECT whose middleware is still running: the connection's other packets go on, and the packets for that
/// namespace wait, bounded, for the outcome. Without middleware the CONNECT runs on its delivery's thread instead.
/// </summary>
[Collection(nameof(ThreadBlockingTests))]
public sealed class ConnectInProgressTests : IDisposable
{
    private readonly ManualResetEventSlim _gate = new();

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
    }

    [Fact]
    public async Task A_middleware_that_blocks_its_thread_blocks_neither_delivery_nor_other_namespaces()
    {
        var io = Server();
        io.Use(BlockingMiddleware);
        io.Of("/other").OnConnection(_ => { });
        var client = new UnitClient(io);

        await client.SendAsync("0");
        var other = await client.ConnectAsync("/other");

        Assert.StartsWith("40/other,{\"sid\"", other, StringComparison.Ordinal);
        Assert.Empty(io.Sockets.Sockets);
    }

    [Fact]
    public async Task Without_middleware_the_CONNECT_is_answered_before_its_delivery_returns()
    {
        var io = Server();
        var handlerThread = 0;
        io.OnConnection(_ => handlerThread = Environment.CurrentManagedThreadId);
        var client = new UnitClient(io);

        // Delivered on this thread, as the engine's receive loop would: no thread hop before the socket connects.
        var deliveringThread = await Task.Run(() =>
        {
            client.Handler.OnTextMessageAsync("0"u8.ToArray()).AsTask().Wait(TestTimeouts.Default);
            return Environment.CurrentManagedThreadId;
        });

        Assert.StartsWith("40{\"sid\"", Assert.Single(client.Connection.Sent), StringComparison.Ordinal);
        Assert.Equal(deliveringThread, handlerThread);
        Assert.False(((Client)client.Handler).IsConnecting("/"));
    }

    [Fact]
    public async Task A_connection_handler_that_blocks_its_thread_holds_up_only_its_own_connection()
    {
        var io = Server();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = 1;
        io.OnConnection(socket =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                blocked.TrySetResult();
                _gate.Wait(TestTimeouts.Default);
            }
        });
        var slow = new UnitClient(io);
        var slowDelivery = Task.Run(() => slow.SendAsync("0"));
        await blocked.Task.WaitAsync(TestTimeouts.Default);

        var other = new UnitClient(io);
        Assert.StartsWith("40{\"sid\"", await other.ConnectAsync(), StringComparison.Ordinal);
        Assert.False(slowDelivery.IsCompleted);

        _gate.Set();
        await slowDelivery.WaitAsync(TestTimeouts.Default);
        Assert.Equal(2, io.Sockets.Sockets.Count);
    }

    [Fact]
    public async Task A_second_CONNECT_while_the_first_is_in_middleware_closes_the_connection()
    {
        var io = Server();
        io.Use(BlockingMiddleware);
        var client = new UnitClient(io);

        await client.SendAsync("0");
        await client.SendAsync("0");

        Assert.Equal(SocketIoDisconnectReasons.ForcedServerClose, await client.Connection.WaitClosedAsync());
    }

    [Fact]
    public async Task A_DISCONNECT_sent_during_middleware_ends_the_socket_once_it_connected()
    {
        var io = Server();
        io.Use(BlockingMiddleware);
        var reason = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        io.OnConnection(socket => socket.OnDisconnect(r => reason.TrySetResult(r)));
        var client = new UnitClient(io);

        await client.SendAsync("0");
        await client.SendAsync("1");
        _gate.Set();

        Assert.Equal(SocketIoDisconnectReasons.ClientNamespaceDisconnect, await reason.Task.WaitAsync(TestTimeouts.Default));
        Assert.Empty(io.Sockets.Sockets);
        Assert.Null(client.Connection.ClosedWith);
    }

    [Fact]
    public async Task A_DISCONNECT_then_CONNECT_sent_before_the_connect_finished_reconnects_in_order()
    {
        var io = Server();
        io.Use((_, next) => next()); // with middleware the connect runs on the thread pool, so the client can be quicker
        var sockets = new ConcurrentQueue<Socket>();
        var reasons = new ConcurrentQueue<string>();
        io.OnConnection(socket =>
        {
            sockets.Enqueue(socket);
            socket.OnDisconnect(reasons.Enqueue);
            if (sockets.Count == 1)
            {
                _gate.Wait(TestTimeouts.Default); // the first connection handler is slow: the client is quicker
            }
        });
        var client = new UnitClient(io);

        await client.SendAsync("0");
        await client.Connection.WaitForSentAsync(f => f.StartsWith("40{\"sid\"", StringComparison.Ordinal), "the first CONNECT reply");
        await client.SendAsync("1");
        await client.SendAsync("0"); // a reconnect, with new credentials say
        _gate.Set();

        await client.Connection.WaitForSentAsync(f => f.StartsWith("40{\"sid\"", StringComparison.Ordinal), "the second CONNECT reply", skip: 1);
        Assert.Null(client.Connection.ClosedWith);
        Assert.Equal(2, sockets.Count);
        var (first, second) = (sockets.First(), sockets.Last());
        Assert.False(first.Connected);
        Assert.True(second.Connected);
        Assert.Same(second, Assert.Single(io.Sockets.Sockets.Values));
    }

    /// <summary>
    /// The race behind a once-flaky test: the held DISCONNECT is taken and its socket is leaving, but not yet gone,
    /// when the reconnect arrives. The reconnect must wait behind the DISCONNECT, not meet the socket still connected
    /// (which closed the connection as a second CONNECT). The hand-over is paused at the socket's "left" log line.
    /// </summary>
    [Fact]
    public async Task A_CONNECT_arriving_while_a_held_DISCONNECT_is_handed_over_waits_for_it()
    {
        using var leaving = new ManualResetEventSlim();
        using var reconnectSent = new ManualResetEventSlim();
        var logs = new PausingLoggerFactory(SocketLeftEventId, leaving, reconnectSent);
        var io = new SocketIoServer(Options.Create(new SocketIoOptions()), logs);
        io.Use((_, next) => next());
        var sockets = new ConcurrentQueue<Socket>();
        io.OnConnection(socket =>
        {
            sockets.Enqueue(socket);
            if (sockets.Count == 1)
            {
                _gate.Wait(TestTimeouts.Default); // the DISCONNECT below is held meanwhile
            }
        });
        var client = new UnitClient(io);

        await client.SendAsync("0");
        await client.Connection.WaitForSentAsync(f => f.StartsWith("40{\"sid\"", StringComparison.Ordinal), "the first CONNECT reply");
        await client.SendAsync("1");
        _gate.Set();
        Assert.True(leaving.Wait(TestTimeouts.Default), "the held DISCONNECT was not handed over");
        await client.SendAsync("0");
        reconnectSent.Set();

        await client.Connection.WaitForSentAsync(f => f.StartsWith("40{\"sid\"", StringComparison.Ordinal), "the second CONNECT reply", skip: 1);
        Assert.Null(client.Connection.ClosedWith);
        Assert.Equal(2, sockets.Count);
        Assert.False(sockets.First().Connected);
        Assert.Same(sockets.Last(), Assert.Single(io.Sockets.Sockets.Values));
    }

    [Fact]
    public async Task Packets_held_for_a_refused_namespace_are_dropped_and_the_connection_goes_on()
    {
        var io = Server();
        var refuse = 1;
        io.Use((_, next) =>
        {
            _gate.Wait(TestTimeouts.Default);
            if (Interlocked.Exchange(ref refuse, 0) == 1)
            {
                throw new SocketIoConnectException("not yet");
            }

            return next();
        });
        var received = new ConcurrentQueue<int>();
        io.OnConnection(socket => socket.On("n", (int n) => received.Enqueue(n)));
        var client = new UnitClient(io);

        await client.SendAsync("0");
        await client.SendAsync("2[\"n\",1]");
        _gate.Set();
        Assert.Equal("44{\"message\":\"not yet\"}", await client.Connection.WaitForSentAsync(f => f.StartsWith("44", StringComparison.Ordinal), "the refusal"));
        Assert.StartsWith("40{\"sid\"", await client.ConnectAsync(), StringComparison.Ordinal); // a retry, at once
        await client.SendAsync("2[\"n\",2]");

        Assert.Equal([2], received);
        Assert.Null(client.Connection.ClosedWith);
    }

    [Fact]
    public async Task Holding_more_than_the_max_buffer_size_closes_the_connection_and_leaves_nothing_behind()
    {
        var io = Server(o => o.MaxHttpBufferSize = 2_000);
        var undone = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        io.Use((socket, next) =>
        {
            socket.OnDisconnect(reason => undone.TrySetResult(reason));
            return BlockingMiddleware(socket, next);
        });
        var client = new UnitClient(io);

        await client.SendAsync("0");
        var event100 = "2[\"e\",\"" + new string('x', 100) + "\"]";
        for (var i = 0; i < 10 && client.Connection.ClosedWith is null; i++)
        {
            await client.SendAsync(event100);
        }

        Assert.Equal(SocketIoDisconnectReasons.ForcedServerClose, client.Connection.ClosedWith);

        // The engine tells the client it closed; the connect then finishes without a socket left behind.
        client.Handler.OnClosed(SocketIoDisconnectReasons.ForcedServerClose);
        _gate.Set();
        Assert.Equal(SocketIoDisconnectReasons.ForcedServerClose, await undone.Task.WaitAsync(TestTimeouts.Default));
        Assert.Empty(io.Sockets.Sockets);
        Assert.Empty(io.Sockets.Adapter.Rooms);
    }

    [Fact]
    public async Task A_flood_of_CONNECTs_waiting_on_middleware_closes_the_connection_at_the_bound()
    {
        var io = Server(o => o.MaxHttpBufferSize = 2_000); // about seven CONNECTs in progress
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = io.Of(new System.Text.RegularExpressions.Regex("^/n\\d+$"));
        parent.Use(async (_, next) =>
        {
            await release.Task;
            await next();
        });
        var client = new UnitClient(io);

        var sent = 0;
        while (sent < 50 && client.Connection.ClosedWith is null)
        {
            await client.SendAsync($"0/n{sent++},");
        }

        release.SetResult();
        Assert.Equal(SocketIoDisconnectReasons.ForcedServerClose, client.Connection.ClosedWith);
        Assert.Equal(8, sent); // 2,000 bytes hold seven CONNECTs (5 bytes each, plus 256 of bookkeeping); the eighth closes
    }

    [Fact]
    public async Task The_connect_timeout_still_closes_a_connection_whose_middleware_outlasts_it()
    {
        var clock = new ManualTimeProvider();
        var io = Server(o => (o.TimeProvider, o.ConnectTimeout) = (clock, TimeSpan.FromSeconds(5)));
        io.Use(BlockingMiddleware);
        var client = new UnitClient(io);
        await client.SendAsync("0");

        await clock.WaitForTimersAsync(1);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(SocketIoDisconnectReasons.ForcedClose, await client.Connection.WaitClosedAsync());
    }

    /// <summary>The event id of a socket's "left its namespace" log line, written as its close begins.</summary>
    private const int SocketLeftEventId = 106;

    private static SocketIoServer Server(Action<SocketIoOptions>? configure = null)
    {
        var options = new SocketIoOptions();
        configure?.Invoke(options);
        return new SocketIoServer(Options.Create(options), NullLoggerFactory.Instance);
    }

    /// <summary>Middleware that holds its thread (a synchronous database call, say) until the test opens the gate.</summary>
    private Task BlockingMiddleware(Socket socket, Func<Task> next)
    {
        _gate.Wait(TestTimeouts.Default);
        return next();
    }

    /// <summary>Loggers that, the first time an event id is logged, signal it and wait (bounded) to be let go.</summary>
    private sealed class PausingLoggerFactory(int eventId, ManualResetEventSlim reached, ManualResetEventSlim release) : ILoggerFactory
    {
        private int _paused;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private void OnLogged(int id)
        {
            if (id == eventId && Interlocked.Exchange(ref _paused, 1) == 0)
            {
                reached.Set();
                release.Wait(TestTimeouts.Default);
            }
        }

        private sealed class Logger(PausingLoggerFactory owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.OnLogged(id.Id);
        }
    }
}
