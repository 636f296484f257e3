using System.Collections.Concurrent;
using SocketIo.Adapters.Diagnostics;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// The requests of one kind (fetches, server-side emits with acknowledgement…) a node waits on, by request id: each
/// completes once <c>expected</c> nodes answered, or fails at its timeout with what came, or when the bus fails.
/// Each request is measured under <paramref name="requestType"/> (<c>fetch_sockets</c>, <c>all_rooms</c>…).
/// </summary>
internal sealed class PendingRequests<T>(string requestType)
{
    private readonly ConcurrentDictionary<string, ResponseCollector<T>> _pending = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="requestId"/> is one of this node's own pending requests.</summary>
    public bool Contains(string requestId) => _pending.ContainsKey(requestId);

    /// <summary>Adds one node's answer to the request it belongs to; false when that request is not (or no longer) pending.</summary>
    public bool TryAdd(string requestId, IEnumerable<T> items)
    {
        if (!_pending.TryGetValue(requestId, out var collector))
        {
            return false;
        }

        collector.Add(items);
        return true;
    }

    /// <summary>
    /// Registers a request, sends it with <paramref name="publish"/> and waits for <paramref name="expected"/> answers.
    /// At <paramref name="timeout"/> it throws <see cref="AdapterTimeoutException"/> with the message
    /// <paramref name="timeoutMessage"/> makes of (received, expected) and the answers that came.
    /// </summary>
    public async Task<IReadOnlyList<T>> RequestAsync(
        string requestId,
        int expected,
        Func<ValueTask> publish,
        TimeSpan timeout,
        TimeProvider timeProvider,
        Func<int, int, string> timeoutMessage,
        CancellationToken cancellationToken)
    {
        var collector = new ResponseCollector<T>(expected);
        _pending[requestId] = collector;
        var started = AdapterTelemetry.RequestStarted();
        Exception? failure = null;
        try
        {
            await publish().ConfigureAwait(false);
            try
            {
                return await collector.Completion.Task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var (received, items) = collector.Snapshot();
                throw new AdapterTimeoutException(timeoutMessage(received, expected), received, expected, items as IReadOnlyList<AckResponse>);
            }
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
            AdapterTelemetry.RequestEnded(requestType, started, failure);
        }
    }

    /// <summary>Fails every pending request with <paramref name="error"/> (the adapter closed, or its bus went down).</summary>
    public void FailAll(Exception error)
    {
        foreach (var collector in _pending.Values)
        {
            collector.Completion.TrySetException(error);
        }
    }
}
