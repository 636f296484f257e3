using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Engine;

namespace SocketIo.Server;

/// <summary>Maps the Socket.IO endpoint.</summary>
public static class SocketIoEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves Socket.IO at <see cref="SocketIoOptions.Path"/> (<c>/socket.io/</c> by default). The handshake request
    /// runs through the application's middleware first, so authentication, CORS and rate limiting apply to it.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="configureEndpoint">Adds conventions to the endpoint, e.g. <c>e =&gt; e.RequireCors("policy")</c>.</param>
    /// <returns>The server, to add namespaces, middleware and handlers.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSocketIo()</c> was not called.</exception>
    public static SocketIoServer MapSocketIo(this IEndpointRouteBuilder endpoints, Action<IEndpointConventionBuilder>? configureEndpoint = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var server = endpoints.ServiceProvider.GetService<SocketIoServer>()
            ?? throw new InvalidOperationException(
                "Unable to find the Socket.IO services. Call 'builder.Services.AddSocketIo()' before building the app, then 'app.MapSocketIo()'.");
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SocketIoOptions>>().Value;
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var engine = new EngineIoServer(options, server.EndpointHandler, loggerFactory, server.Timers);
        server.Endpoint = engine;
        var endpoint = endpoints.MapEngineIo(options.Path, engine);
        configureEndpoint?.Invoke(endpoint);
        return server;
    }
}
