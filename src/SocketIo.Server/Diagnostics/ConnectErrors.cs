namespace SocketIo.Server.Diagnostics;

/// <summary>The <c>error.type</c> values of a namespace connect that did not connect a socket.</summary>
internal static class ConnectErrors
{
    /// <summary>No namespace of that name, and no dynamic namespace matched it.</summary>
    public const string InvalidNamespace = "invalid_namespace";

    /// <summary>Middleware refused the socket with <see cref="SocketIoConnectException"/>.</summary>
    public const string Refused = "refused";

    /// <summary>Middleware threw another exception (the client is told "Internal server error").</summary>
    public const string MiddlewareError = "middleware_error";

    /// <summary>Middleware returned without calling <c>next()</c>.</summary>
    public const string MiddlewareStopped = "middleware_stopped";

    /// <summary>The connection closed while the connect was in progress.</summary>
    public const string NotConnected = "connection_closed";
}
