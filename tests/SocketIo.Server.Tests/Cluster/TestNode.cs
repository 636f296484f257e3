using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocketIo.Adapters;
using SocketIo.Adapters.Tests.Cluster;
using SocketIo.Engine;
using SocketIo.Server.Tests.Unit;

namespace SocketIo.Server.Tests.Cluster;

/// <summary>
/// One server with clients on recorded connections (no network), optionally on a bus shared with other nodes. Its
/// log lines are kept, so a test can assert what was logged.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestNode(IAdapterFactory? adapters = null, Action<SocketIoOptions>? configure = null)
    {
        var options = new SocketIoOptions();
        configure?.Invoke(options);
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new ListLoggerProvider(this)));
        Io = new SocketIoServer(Options.Create(options), _loggerFactory, adapters);
    }

    /// <summary>A node whose namespaces' adapters talk over <paramref name="bus"/>.</summary>
    public static TestNode On(InMemoryBus bus) => new(new BusAdapters(bus));

    public SocketIoServer Io { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>
    /// Opens a connection and sends CONNECT for <paramref name="nsp"/>; returns once the server answered it (the
    /// CONNECT runs on the thread pool, off the delivery).
    /// </summary>
    public async Task<(RecordingConnection Connection, IEngineIoSessionHandler Client)> ConnectAsync(string nsp = "/")
    {
        var connection = new RecordingConnection();
        var client = Io.EngineHandler.OnOpened(connection);
        await SendAsync(client, nsp == "/" ? "0" : $"0{nsp},");
        await UnitClient.AnsweredAsync(connection, client, nsp);
        return (connection, client);
    }

    public static ValueTask SendAsync(IEngineIoSessionHandler client, string packet) => client.OnTextMessageAsync(Encoding.UTF8.GetBytes(packet));

    /// <summary>Waits (bounded) until a log line contains <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Infrastructure.TestTimeouts.Default);
        while (true)
        {
            var logged = Volatile.Read(ref _logged).Task;
            if (Logs.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            await logged.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Adds a line as if the node had logged it (for loggers the node does not create, a Redis connection's).</summary>
    public void AddLog(string line) => Add(line);

    private void Add(string line)
    {
        Logs.Enqueue(line);
        Interlocked.Exchange(ref _logged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await Io.StopAsync(CancellationToken.None);
        _loggerFactory.Dispose();
    }

    private sealed class BusAdapters(InMemoryBus bus) : IAdapterFactory
    {
        public Adapter Create(IAdapterHost host) => new InMemoryBusAdapter(host, bus);
    }

    private sealed class ListLoggerProvider(TestNode node) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(node);

        public void Dispose()
        {
        }

        private sealed class ListLogger(TestNode node) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => node.Add($"{logLevel} {eventId.Id} {formatter(state, exception)}");
        }
    }
}
