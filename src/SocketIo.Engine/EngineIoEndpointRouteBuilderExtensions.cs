using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SocketIo.Engine;

/// <summary>Maps a bare Engine.IO endpoint, for applications that bring their own layer above it.</summary>
public static class EngineIoEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves Engine.IO v4, and v3 when <see cref="EngineIoOptions.AllowEio3"/> is set (long-polling and WebSocket), at
    /// <paramref name="path"/> (a trailing slash is optional).
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="path">The path, e.g. <c>/engine.io/</c>.</param>
    /// <param name="handler">Receives sessions and their messages.</param>
    /// <param name="configure">Adjusts the options; Node's defaults otherwise.</param>
    /// <returns>A builder to add conventions (CORS policy, authorization, rate limiting) to the endpoint.</returns>
    public static IEndpointConventionBuilder MapEngineIo(
        this IEndpointRouteBuilder endpoints,
        string path,
        IEngineIoHandler handler,
        Action<EngineIoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        var options = new EngineIoOptions();
        configure?.Invoke(options);
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return endpoints.MapEngineIo(path, new EngineIoServer(options, handler, loggerFactory));
    }

    /// <summary>
    /// Serves an Engine.IO server created by the caller at <paramref name="path"/> (a trailing slash is optional). When
    /// the host stops, its sessions close with <see cref="EngineCloseReasons.ServerShuttingDown"/> and its timer loop stops.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="path">The path, e.g. <c>/socket.io/</c>.</param>
    /// <param name="server">The server to serve.</param>
    /// <returns>A builder to add conventions (CORS policy, authorization, rate limiting) to the endpoint.</returns>
    public static IEndpointConventionBuilder MapEngineIo(this IEndpointRouteBuilder endpoints, string path, EngineIoServer server)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(server);
        if (endpoints.ServiceProvider.GetService<IHostApplicationLifetime>() is { } lifetime)
        {
            lifetime.ApplicationStopping.Register(static s => ((EngineIoServer)s!).CloseAll(EngineCloseReasons.ServerShuttingDown), server);
            lifetime.ApplicationStopped.Register(static s => ((EngineIoServer)s!).Timers.Dispose(), server);
        }

        // A branch pipeline of our own, so the application need not call UseWebSockets.
        var branch = endpoints.CreateApplicationBuilder();
        branch.UseWebSockets();
        branch.Run(server.HandleAsync);
        var pipeline = branch.Build();

        // One route serves both "/engine.io" and "/engine.io/": endpoint routing ignores a trailing slash, and a
        // second route for the slashed form would make every request ambiguous.
        var trimmed = "/" + path.Trim('/');
        return endpoints.Map(trimmed, pipeline).WithDisplayName($"Engine.IO {trimmed}/");
    }
}
