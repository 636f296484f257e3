using Microsoft.Extensions.Hosting;

namespace SocketIo.Server.Hosting;

/// <summary>
/// Ties the adapters to the host: the start waits until the adapters of the namespaces created so far are initialised
/// (so a scale-out node is subscribed before it serves), the stop closes every adapter once.
/// </summary>
internal sealed class SocketIoLifetime(SocketIoServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
