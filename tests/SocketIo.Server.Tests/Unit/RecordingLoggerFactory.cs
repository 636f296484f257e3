using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SocketIo.Server.Tests.Unit;

/// <summary>Loggers that keep every line (level, event id, message, exception) for a test to read.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message, Exception? Exception)> Lines { get; } = new();

    /// <summary>Gets the messages logged with <paramref name="eventId"/>.</summary>
    public IReadOnlyList<string> Messages(int eventId) => [.. Lines.Where(l => l.EventId == eventId).Select(l => l.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Lines.Enqueue((logLevel, eventId.Id, formatter(state, exception), exception));
    }
}
