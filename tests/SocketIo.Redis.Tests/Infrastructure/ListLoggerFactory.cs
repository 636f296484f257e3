using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SocketIo.Redis.Tests.Infrastructure;

/// <summary>Keeps every log line of the loggers it creates, so a test can assert what was logged, or show it.</summary>
public sealed class ListLoggerFactory : ILoggerFactory
{
    private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Waits (bounded) until a line contains <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var logged = Volatile.Read(ref _logged).Task;
            if (Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            try
            {
                await logged.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No log line with \"{text}\" within {timeout}. Lines:\n{string.Join('\n', Lines)}");
            }
        }
    }

    private void Add(string line)
    {
        Lines.Enqueue(line);
        Interlocked.Exchange(ref _logged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class ListLogger(ListLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => factory.Add($"{logLevel} {eventId.Id} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
    }
}
