namespace SocketIo.Adapters;

/// <summary>Creates <see cref="InMemoryAdapter"/>s.</summary>
public sealed class InMemoryAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public Adapter Create(IAdapterHost host) => new InMemoryAdapter(host);
}
