namespace SocketIo.Server;

/// <summary>
/// A namespace as code that holds no socket sees it: every socket of it (<see cref="ISocketIoBroadcaster"/>) and the
/// server-side events between the nodes of a cluster. Implemented by <see cref="Namespace"/>.
/// </summary>
public interface ISocketIoNamespace : ISocketIoBroadcaster
{
    /// <summary>Gets the namespace's name, e.g. <c>/</c> or <c>/chat</c>.</summary>
    string Name { get; }

    /// <summary>Sends an event to the other nodes of the cluster; see <see cref="Namespace.ServerSideEmitAsync"/>.</summary>
    Task ServerSideEmitAsync(string eventName, params object?[] args);

    /// <summary>Sends an event to the other nodes and collects their answers; see <see cref="Namespace.ServerSideEmitWithAckAsync"/>.</summary>
    Task<IReadOnlyList<SocketIoArguments>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args);

    /// <summary>Gets every room that has a socket, on every node.</summary>
    Task<IReadOnlySet<string>> AllRoomsAsync(CancellationToken cancellationToken = default);
}
