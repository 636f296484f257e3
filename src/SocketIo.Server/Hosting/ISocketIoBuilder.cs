using Microsoft.Extensions.DependencyInjection;

namespace SocketIo.Server;

/// <summary>Returned by <c>AddSocketIo()</c>, to add more to the server (an adapter, for example).</summary>
public interface ISocketIoBuilder
{
    /// <summary>Gets the application's service collection.</summary>
    IServiceCollection Services { get; }
}
