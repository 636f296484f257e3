namespace SocketIo.Server.Internal.Binding;

/// <summary>Where a handler's parameter gets its value, decided once when the handler is added.</summary>
internal enum ParameterSource
{
    /// <summary>The next event argument, deserialized with the server's serializer.</summary>
    Argument,

    /// <summary>The receiving <see cref="Server.Socket"/>.</summary>
    Socket,

    /// <summary>The event's <see cref="SocketIoAck"/>.</summary>
    Ack,

    /// <summary>Every argument, as <see cref="SocketIoArguments"/>.</summary>
    AllArguments,

    /// <summary>A <see cref="CancellationToken"/> that ends with the socket, or the server for a server-side emit.</summary>
    Cancellation,

    /// <summary>A service from the dependency injection container, resolved per event from a scope.</summary>
    Service,
}
