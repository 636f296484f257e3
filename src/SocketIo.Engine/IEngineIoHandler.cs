namespace SocketIo.Engine;

/// <summary>
/// The application above an Engine.IO endpoint (Socket.IO, or anything else). The engine tells it that a session
/// opened, and from then on talks to the <see cref="IEngineIoSessionHandler"/> it returned.
/// </summary>
public interface IEngineIoHandler
{
    /// <summary>
    /// Called once when a handshake succeeded, after the open packet was queued and before any message of the
    /// session is delivered.
    /// </summary>
    /// <param name="connection">The new session.</param>
    /// <returns>The object that receives this session's messages and its close.</returns>
    IEngineIoSessionHandler OnOpened(IEngineIoConnection connection);
}
