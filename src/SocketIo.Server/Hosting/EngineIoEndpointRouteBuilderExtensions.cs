using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
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
        throw new NotImplementedException("Engine.IO server: built in issue 2.");
    }

    /// <summary>Maps the endpoint with an options object the caller owns (the Socket.IO layer passes its own).</summary>
    internal static IEndpointConventionBuilder MapEngineIo(this IEndpointRouteBuilder endpoints, string path, IEngineIoHandler handler, EngineIoOptions options)
        => throw new NotImplementedException("Engine.IO server: built in issue 2.");
}
