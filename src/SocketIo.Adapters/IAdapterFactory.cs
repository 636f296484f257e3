namespace SocketIo.Adapters;

/// <summary>Creates the adapter of each namespace. Register one in DI to replace the in-memory default.</summary>
public interface IAdapterFactory
{
    /// <summary>Creates the adapter for the namespace <paramref name="host"/> serves.</summary>
    Adapter Create(IAdapterHost host);
}
