namespace SocketIo.Adapters;

/// <summary>The embedded default: one node, everything in this process's memory.</summary>
public sealed class InMemoryAdapter(IAdapterHost host) : Adapter(host);
