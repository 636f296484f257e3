using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an OS-chosen port, for functional tests. Server logs are captured and
/// written to the test output, so a failing test shows what the server did.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CapturedLogs _logs;
    private int _disposed;

    private TestHost(WebApplication app, CapturedLogs logs, Uri baseUri)
    {
        _app = app;
        _logs = logs;
        BaseUri = baseUri;
    }

    /// <summary>Gets the server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Gets the application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets every log line the server wrote so far.</summary>
    public IReadOnlyCollection<string> Logs => _logs.Lines;

    /// <summary>Builds and starts a server; <paramref name="configureApp"/> maps the endpoints.</summary>
    public static async Task<TestHost> StartAsync(
        Action<WebApplication> configureApp,
        Action<WebApplicationBuilder>? configureBuilder = null,
        ITestOutputHelper? output = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var logs = new CapturedLogs(output);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        configureApp(app);
        await app.StartAsync().WaitAsync(TestTimeouts.Default);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        return new TestHost(app, logs, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Makes an absolute URL from a path and query, e.g. <c>engine.io/?EIO=4&amp;transport=polling</c>.</summary>
    public Uri Url(string relative) => new(BaseUri, relative.TrimStart('/'));

    /// <summary>Makes the ws:// form of <see cref="Url"/>.</summary>
    public Uri WebSocketUrl(string relative) => new UriBuilder(Url(relative)) { Scheme = "ws" }.Uri;

    /// <summary>Stops the server (gracefully, bounded) and releases it. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        }
        finally
        {
            await _app.DisposeAsync();
            _logs.Detach();
        }
    }

    private sealed class CapturedLogs(ITestOutputHelper? output) : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private volatile ITestOutputHelper? _output = output;

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Detach() => _output = null;

        public void Dispose()
        {
        }

        private void Write(string line)
        {
            _lines.Enqueue(line);
            try
            {
                _output?.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test already finished; xunit refuses late output.
            }
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var shortCategory = category[(category.LastIndexOf('.') + 1)..];
                var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {shortCategory}[{eventId.Id}] {formatter(state, exception)}";
                owner.Write(exception is null ? line : line + Environment.NewLine + exception);
            }
        }
    }
}
