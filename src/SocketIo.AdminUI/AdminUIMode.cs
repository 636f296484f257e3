namespace SocketIo.AdminUI;

/// <summary>How much the Admin UI is told: everything, or the aggregated figures only.</summary>
public enum AdminUIMode
{
    /// <summary>
    /// Every socket, its connection, update and disconnection, every room joined and left, and every event received
    /// and sent, as they happen; plus the server stats. Costs work on every event while an admin is connected.
    /// </summary>
    Development,

    /// <summary>
    /// The server stats only (connected clients, namespaces, connections, disconnections, packets and bytes per
    /// second): nothing per socket or per event. The mode for a busy server.
    /// </summary>
    Production,
}
