using Microsoft.Extensions.DependencyInjection;

namespace SocketIo.Adapters;

/// <summary>
/// Returned by <c>AddSocketIo()</c>, to add more to the server (an adapter, for example). It lives here, beside the
/// adapter seam, rather than in the server package, so that an adapter package (SocketIo.Redis) can offer
/// <c>AddSocketIo().AddRedisAdapter(…)</c> without referencing the server, and so stays usable in a process with no
/// web host (its emitter).
/// </summary>
public interface ISocketIoBuilder
{
    /// <summary>Gets the application's service collection.</summary>
    IServiceCollection Services { get; }
}
