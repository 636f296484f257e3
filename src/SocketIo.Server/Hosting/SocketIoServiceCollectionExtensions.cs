using System.Diagnostics.CodeAnalysis;
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
    /// Adds the Socket.IO server (a singleton <see cref="SocketIoServer"/>, also as <see cref="ISocketIoServer"/> for
    /// code that only sends) with the in-memory default, and a hosted
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
        services.TryAddSingleton(static provider =>
        {
            var server = new SocketIoServer(
                provider.GetRequiredService<IOptions<SocketIoOptions>>(),
                provider.GetRequiredService<ILoggerFactory>(),
                provider.GetService<IAdapterFactory>(),
                provider);
            foreach (var configuration in provider.GetServices<NamespaceConfiguration>())
            {
                configuration.Configure(server.Of(configuration.Name), provider);
            }

            return server;
        });
        services.TryAddSingleton<ISocketIoServer>(static provider => provider.GetRequiredService<SocketIoServer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SocketIoLifetime>());
        return new SocketIoBuilder(services);
    }

    /// <summary>
    /// Adds the Socket.IO server with options bound from a configuration section, then <paramref name="configure"/>.
    /// The binding reads the options' properties by reflection: a trimmed or Native AOT application sets them in code
    /// with <see cref="AddSocketIo(IServiceCollection, Action{SocketIoOptions})"/>.
    /// </summary>
    [RequiresUnreferencedCode("Binds SocketIoOptions from configuration by reflection. Set the options in code for trimmed or Native AOT applications.")]
    [RequiresDynamicCode("Binds SocketIoOptions from configuration by reflection. Set the options in code for Native AOT applications.")]
    public static ISocketIoBuilder AddSocketIo(this IServiceCollection services, IConfiguration configuration, Action<SocketIoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SocketIoOptions>().Bind(configuration);
        return services.AddSocketIo(configure);
    }

    /// <summary>
    /// Configures a namespace from wherever the services are registered, e.g. a module of the application that never
    /// sees the endpoint builder: <paramref name="configure"/> runs once, when the server is created, before any client
    /// connects (<c>services.ConfigureSocketIoNamespace("/chat", nsp =&gt; nsp.OnConnection(…))</c>). Several
    /// configurations of one namespace run in the order they were added.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The namespace's name, e.g. <c>/chat</c>.</param>
    /// <param name="configure">Adds middleware and handlers to the namespace.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection ConfigureSocketIoNamespace(this IServiceCollection services, string name, Action<Namespace> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.ConfigureSocketIoNamespace(name, (nsp, _) => configure(nsp));
    }

    /// <summary>
    /// Like <see cref="ConfigureSocketIoNamespace(IServiceCollection, string, Action{Namespace})"/>, with the
    /// application's (root) services, for the singletons the namespace's handlers use.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The namespace's name, e.g. <c>/chat</c>.</param>
    /// <param name="configure">Adds middleware and handlers to the namespace.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection ConfigureSocketIoNamespace(this IServiceCollection services, string name, Action<Namespace, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(new NamespaceConfiguration(name, configure));
        return services;
    }
}
