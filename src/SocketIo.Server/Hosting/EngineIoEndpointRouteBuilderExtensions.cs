using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Server.Engine;

namespace SocketIo.Server;

/// <summary>Maps a bare Engine.IO endpoint, for applications that bring their own layer above it.</summary>
public static class EngineIoEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves Engine.IO v4 (long-polling and WebSocket) at <paramref name="path"/> (a trailing slash is optional).
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
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(handler);
        var options = new EngineIoOptions();
        configure?.Invoke(options);
        MapEngineIoCore(endpoints, path, handler, options, out var conventions);
        return conventions;
    }

    /// <summary>Maps the endpoint and returns the engine server, for the Socket.IO layer built on top of it.</summary>
    internal static EngineServer MapEngineIoCore(
        IEndpointRouteBuilder endpoints,
        string path,
        IEngineIoHandler handler,
        EngineIoOptions options,
        out IEndpointConventionBuilder conventions,
        TimerLoop? timers = null)
    {
        EngineIoOptionsValidator.Validate(options);
        var services = endpoints.ServiceProvider;
        var server = new EngineServer(options, handler, services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance, timers);
        if (services.GetService<IHostApplicationLifetime>() is { } lifetime)
        {
            lifetime.ApplicationStopping.Register(static s => ((EngineServer)s!).CloseAll(EngineCloseReasons.ServerShuttingDown), server);
            lifetime.ApplicationStopped.Register(static s => ((EngineServer)s!).Timers.Stop(), server);
        }

        // A branch pipeline of our own, so the application need not call UseWebSockets.
        var branch = endpoints.CreateApplicationBuilder();
        branch.UseWebSockets();
        branch.Run(server.HandleAsync);
        var pipeline = branch.Build();

        // One route serves both "/engine.io" and "/engine.io/": endpoint routing ignores a trailing slash, and a
        // second route for the slashed form would make every request ambiguous.
        var trimmed = "/" + path.Trim('/');
        conventions = endpoints.Map(trimmed, pipeline).WithDisplayName($"Engine.IO {trimmed}/");
        return server;
    }
}
