using System.Threading.Channels;
using SocketIo.Adapters.Cluster;

namespace SocketIo.Adapters.Tests.Cluster;

/// <summary>
/// A <see cref="ClusterAdapter"/> whose transport is an <see cref="InMemoryBus"/>: the whole transport a cluster
/// adapter adds — publish, respond, count the servers, hand each received message to the base — and nothing else.
/// </summary>
public sealed class InMemoryBusAdapter(IAdapterHost host, InMemoryBus bus, ClusterAdapterOptions? options = null) : ClusterAdapter(host, options)
{
    private readonly Channel<ClusterAdapterMessage> _inbox = Channel.CreateUnbounded<ClusterAdapterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _reader;

    internal string NamespaceName => Host.NamespaceName;

    public override ValueTask InitAsync(CancellationToken cancellationToken = default)
    {
        _reader = Task.Run(ReadAsync, CancellationToken.None);
        bus.Subscribe(this);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask CloseAsync()
    {
        await base.CloseAsync();
        bus.Unsubscribe(this);
        _inbox.Writer.TryComplete();
        if (_reader is not null)
        {
            await _reader;
        }
    }

    public override ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult(bus.SubscriberCount(Host.NamespaceName));

    protected override ValueTask PublishAsync(ClusterAdapterMessage message, CancellationToken cancellationToken)
    {
        bus.Publish(this, message);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask PublishResponseAsync(string requesterUid, ClusterAdapterMessage response, CancellationToken cancellationToken)
    {
        bus.PublishResponse(this, requesterUid, response);
        return ValueTask.CompletedTask;
    }

    internal void Deliver(ClusterAdapterMessage message) => _inbox.Writer.TryWrite(message);

    private async Task ReadAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync())
        {
            // Not awaited, as a pub/sub callback would not: the base delivers locally before its first await.
            _ = OnMessageAsync(message);
        }
    }
}
