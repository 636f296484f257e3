namespace SocketIo.Server;

/// <summary>
/// The server as code that holds no socket sees it (what SignalR's <c>IHubContext</c> is to a hub): inject it into
/// controllers and background services to send, and replace it with a fake in their unit tests. The server itself
/// (<see cref="SocketIoServer"/>, registered by <c>AddSocketIo</c>) implements it; as an
/// <see cref="ISocketIoNamespace"/> it is the main namespace, <c>/</c>.
/// </summary>
/// <example><code>
/// public sealed class Notifier(ISocketIoServer io)
/// {
///     public Task OrderShippedAsync(string customer, string order) => io.To(customer).EmitAsync("shipped", order);
/// }
/// </code></example>
#pragma warning disable CA1716 // To, In and Of are Socket.IO's names (io.to, io.in, io.of), as on the classes.
public interface ISocketIoServer : ISocketIoNamespace
{
    /// <summary>Gets the namespace <paramref name="name"/>, created when it does not exist yet (Node's <c>io.of(name)</c>).</summary>
    ISocketIoNamespace Of(string name);
}
#pragma warning restore CA1716
