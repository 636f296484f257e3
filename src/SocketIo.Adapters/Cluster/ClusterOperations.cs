namespace SocketIo.Adapters.Cluster;

/// <summary>
/// The steps every scale-out adapter takes the same way, whatever its protocol (the ClusterAdapter one, the classic
/// Redis one): publish then apply locally, the sender's side of a broadcast with acknowledgements, answers sent once
/// and observed.
/// </summary>
internal static class ClusterOperations
{
    /// <summary>
    /// Publishes when <paramref name="publishes"/> (not a local operation, the adapter not closed), then applies
    /// locally whatever publishing did: local sockets are served, and a failure still surfaces.
    /// </summary>
    public static async ValueTask PublishThenApplyAsync(bool publishes, Func<ValueTask> publish, Action applyLocally)
    {
        if (!publishes)
        {
            applyLocally();
            return;
        }

        try
        {
            await publish().ConfigureAwait(false);
        }
        finally
        {
            applyLocally();
        }
    }

    /// <summary>
    /// The sender's side of a broadcast with acknowledgements: unless it stays local (<paramref name="publishes"/>
    /// false), remembers a new request until its timeout and publishes it; then delivers locally and reports the local
    /// count (also when publishing failed, before rethrowing).
    /// </summary>
    public static async ValueTask BroadcastWithAckAsync(
        bool publishes,
        PendingAckBroadcasts pending,
        Func<string> newRequestId,
        TimeSpan timeout,
        TimeProvider timeProvider,
        Action<int> onClientCount,
        Action<AckResponse> onAck,
        Func<string, ValueTask> publish,
        Func<int> deliverLocally)
    {
        if (!publishes)
        {
            onClientCount(deliverLocally());
            return;
        }

        var requestId = newRequestId();
        pending.Add(requestId, onClientCount, onAck, timeout, timeProvider);
        try
        {
            await publish(requestId).ConfigureAwait(false);
        }
        catch
        {
            pending.Forget(requestId);
            onClientCount(deliverLocally());
            throw;
        }

        onClientCount(deliverLocally());
    }

    /// <summary>Wraps an answer so that only its first call is sent (a listener may call its acknowledgement twice).</summary>
    public static Action<AckResponse> Once(Action<AckResponse> answer)
    {
        var answered = 0;
        return response =>
        {
            if (Interlocked.Exchange(ref answered, 1) == 0)
            {
                answer(response);
            }
        };
    }

    /// <summary>Awaits a publish nobody else waits on (an answer to another node); a failure goes to <paramref name="onFailure"/>.</summary>
    public static async Task ObserveAsync(ValueTask publishing, Action<Exception> onFailure)
    {
        try
        {
            await publishing.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An answer that could not be sent is logged; the requester times out.
        catch (Exception e)
#pragma warning restore CA1031
        {
            onFailure(e);
        }
    }
}
