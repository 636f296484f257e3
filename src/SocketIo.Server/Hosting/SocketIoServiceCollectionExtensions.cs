using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocketIo.Adapters;
using SocketIo.Server.Hosting;

namespace SocketIo.Server;

/// <summary>Registers the Socket.IO server with dependency injection.</summary>
public static class SocketIoServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Socket.IO server (a singleton <see cref="SocketIoServer"/>) with the in-memory default, and a hosted
    /// service that initialises the namespaces' adapters when the host starts and closes them when it stops. Map it
    /// with <c>app.MapSocketIo()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>A builder for further configuration.</returns>
    public static ISocketIoBuilder AddSocketIo(this IServiceCollection services, Action<SocketIoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SocketIoOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SocketIoOptions>, SocketIoOptionsValidator>());
        services.TryAddSingleton(static provider => new SocketIoServer(
            provider.GetRequiredService<IOptions<SocketIoOptions>>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetService<IAdapterFactory>(),
            provider));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SocketIoLifetime>());
        return new SocketIoBuilder(services);
    }

    /// <summary>Adds the Socket.IO server with options bound from a configuration section, then <paramref name="configure"/>.</summary>
    public static ISocketIoBuilder AddSocketIo(this IServiceCollection services, IConfiguration configuration, Action<SocketIoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SocketIoOptions>().Bind(configuration);
        return services.AddSocketIo(configure);
    }
}
