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
    /// Asks the other nodes: counts the servers with <paramref name="serverCount"/> (none to ask when this node is
    /// alone), registers a request under a new id, sends it with <paramref name="publish"/> and waits for one answer per
    /// other node. At <paramref name="timeout"/> it throws <see cref="AdapterTimeoutException"/> with the message
    /// <paramref name="timeoutMessage"/> makes of (received, expected) and the answers that came. Measured, failures
    /// (the bus unreachable while counting or publishing included) with their kind.
    /// </summary>
    public async Task<IReadOnlyList<T>> RequestAsync(
        Func<CancellationToken, ValueTask<int>> serverCount,
        Func<string> newRequestId,
        Func<string, ValueTask> publish,
        TimeSpan timeout,
        TimeProvider timeProvider,
        Func<int, int, string> timeoutMessage,
        CancellationToken cancellationToken)
    {
        var started = AdapterTelemetry.RequestStarted();
        Exception? failure = null;
        var expected = 0;
        try
        {
            expected = await serverCount(cancellationToken).ConfigureAwait(false) - 1;
            if (expected <= 0)
            {
                return [];
            }

            var requestId = newRequestId();
            var collector = new ResponseCollector<T>(expected);
            _pending[requestId] = collector;
            try
            {
                await publish(requestId).ConfigureAwait(false);
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
            finally
            {
                _pending.TryRemove(requestId, out _);
            }
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            // A node alone asked nobody: nothing to measure unless counting the servers failed.
            if (expected > 0 || failure is not null)
            {
                AdapterTelemetry.RequestEnded(requestType, started, failure);
            }
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
