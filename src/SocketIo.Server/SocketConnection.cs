using SocketIo.Engine;

namespace SocketIo.Server;

/// <summary>
/// The client's underlying Engine.IO connection (Node's <c>socket.conn</c>): one per client, shared by its sockets in
/// every namespace. It tells the transport, announces the upgrade from long-polling to WebSocket, and can close the
/// whole connection. Thread-safe.
/// </summary>
public sealed class SocketConnection
{
    private readonly Client _client;
    private readonly Lock _gate = new();
    private Action<string>? _upgraded;

    internal SocketConnection(Client client) => _client = client;

    /// <summary>Gets the connection's Engine.IO session id (Node's <c>socket.conn.id</c>); never sent to other clients.</summary>
    public string Id => _client.Connection.Id;

    /// <summary>Gets the current transport: <c>polling</c> or <c>websocket</c>.</summary>
    public string Transport => _client.Connection.Transport;

    /// <summary>Gets the Engine.IO protocol revision the client speaks: 4, or 3 for a 2.x client (<see cref="EngineIoOptions.AllowEio3"/>).</summary>
    public int ProtocolVersion => _client.Connection.ProtocolVersion;

    /// <summary>Gets a value indicating whether the connection is still open.</summary>
    public bool IsOpen => _client.Connection.IsOpen;

    /// <summary>Gets how many bytes wait to be written to the client, for all of its sockets.</summary>
    public long BufferedBytes => _client.Connection.BufferedBytes;

    /// <summary>
    /// Occurs once the connection moved from long-polling to WebSocket (Node's <c>socket.conn.on("upgrade")</c>), with
    /// the new transport's name. Listeners run on the client's own queue, after the disconnect listeners of anything
    /// that ended before, never on a thread other connections wait on; a listener added after the upgrade is not called.
    /// </summary>
    public event Action<string>? Upgraded
    {
        add
        {
            lock (_gate)
            {
                _upgraded += value;
            }
        }

        remove
        {
            lock (_gate)
            {
                _upgraded -= value;
            }
        }
    }

    /// <summary>Closes the connection: every socket of the client disconnects with the reason <c>forced close</c>.</summary>
    public void Close() => _client.Connection.Close(EngineCloseReasons.ForcedClose);

    /// <summary>Raises <see cref="Upgraded"/> on the client's queue.</summary>
    internal void OnUpgraded()
    {
        if (System.Threading.Volatile.Read(ref _upgraded) is null)
        {
            return;
        }

        _client.Lifecycle.Post(static state =>
        {
            var connection = (SocketConnection)state!;
            System.Threading.Volatile.Read(ref connection._upgraded)?.Invoke(connection.Transport);
        }, this);
    }
}
