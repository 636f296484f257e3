using Microsoft.Extensions.DependencyInjection;
using SocketIo.Adapters;

namespace SocketIo.Server.Hosting;

internal sealed class SocketIoBuilder(IServiceCollection services) : ISocketIoBuilder
{
    public IServiceCollection Services { get; } = services;
}
