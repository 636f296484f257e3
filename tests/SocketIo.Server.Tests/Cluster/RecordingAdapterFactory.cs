using System.Collections.Concurrent;
using SocketIo.Adapters;

namespace SocketIo.Server.Tests.Cluster;

/// <summary>Creates in-memory adapters that count their creation, start and close per namespace; a start can be held.</summary>
internal sealed class RecordingAdapterFactory : IAdapterFactory
{
    public ConcurrentQueue<string> Created { get; } = new();

    public ConcurrentQueue<string> Initialized { get; } = new();

    public ConcurrentQueue<string> Closed { get; } = new();

    /// <summary>While set, every start waits for this task; a faulted one makes the start fail.</summary>
    public Task? HoldInit { get; set; }

    public Adapter Create(IAdapterHost host)
    {
        Created.Enqueue(host.NamespaceName);
        return new CountingAdapter(host, this);
    }

    public static int Count(ConcurrentQueue<string> events, string nsp) => events.Count(n => n == nsp);

    private sealed class CountingAdapter(IAdapterHost host, RecordingAdapterFactory factory) : Adapter(host)
    {
        public override async ValueTask InitAsync(CancellationToken cancellationToken = default)
        {
            if (factory.HoldInit is { } hold)
            {
                await hold;
            }

            factory.Initialized.Enqueue(Host.NamespaceName);
        }

        public override ValueTask CloseAsync()
        {
            factory.Closed.Enqueue(Host.NamespaceName);
            return ValueTask.CompletedTask;
        }
    }
}
