using SocketIo.Adapters;

namespace SocketIo.Adapters.Tests;

/// <summary>The in-memory adapter meets the adapter specification.</summary>
public sealed class InMemoryAdapterTests : AdapterSpecification
{
    protected override Adapter CreateAdapter(IAdapterHost host) => new InMemoryAdapter(host);
}
