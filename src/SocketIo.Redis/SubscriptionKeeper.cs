using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>
/// Makes an adapter's missing subscriptions, one piece of subscription work at a time: at once when Redis is
/// reachable, when it comes back otherwise (the adapter calls <see cref="EnsureAsync"/> then), and again a moment later
/// when Redis was reachable but the subscription connection was not yet (it is made on first use, and no reconnection
/// would come to say so). Never throws: what goes wrong is logged.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore's wait handle is never created, so it holds nothing to dispose.")]
internal sealed partial class SubscriptionKeeper(RedisConnection connection, IAdapterHost host, Func<Task> subscribeMissing, Func<bool> isClosed)
{
    /// <summary>How long to wait before trying again when subscribing failed while Redis was reachable.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Serializes subscription work: subscribing, unsubscribing, closing.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Makes the subscriptions not made yet (when Redis is reachable; otherwise when it comes back).</summary>
    public async Task EnsureAsync()
    {
        if (!connection.IsConnected)
        {
            Log.SubscribeDeferred(host.Logger, host.NamespaceName, "Redis is unreachable");
            return;
        }

        var retry = false;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!isClosed())
            {
                await subscribeMissing().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Also runs unawaited (after a reconnection): whatever it meets is logged, and a Redis failure retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.SubscribeDeferred(host.Logger, host.NamespaceName, e.Message);
            retry = e is RedisException or TimeoutException && connection.IsConnected && !isClosed();
        }
        finally
        {
            _gate.Release();
        }

        if (retry)
        {
            // Not awaited: the adapter's start (which the namespace waits for) must not wait for Redis to recover.
            _ = RetryLaterAsync();
        }
    }

    private async Task RetryLaterAsync()
    {
        await Task.Delay(RetryDelay, host.TimeProvider).ConfigureAwait(false);
        await EnsureAsync().ConfigureAwait(false);
    }

    /// <summary>Runs other subscription work (a room's channel, the close) alone; a Redis failure is logged, not thrown.</summary>
    public async Task RunAsync(Func<Task> work)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // What was not subscribed is subscribed with the rest when Redis returns; what was not unsubscribed
            // goes with the connection.
            Log.SubscribeDeferred(host.Logger, host.NamespaceName, e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Unsubscribes one queue; Redis being down is no reason to fail (the subscription dies with the connection).</summary>
    public async Task UnsubscribeAsync(ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See above: logged, the close goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.UnsubscribeFailed(host.Logger, host.NamespaceName, queue.Channel.ToString(), e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(610, LogLevel.Information, "The Redis adapter of {Namespace} will subscribe when Redis is reachable: {Message}")]
        public static partial void SubscribeDeferred(ILogger logger, string @namespace, string message);

        [LoggerMessage(611, LogLevel.Debug, "The Redis adapter of {Namespace} could not unsubscribe from {Channel}.")]
        public static partial void UnsubscribeFailed(ILogger logger, string @namespace, string channel, Exception exception);
    }
}
