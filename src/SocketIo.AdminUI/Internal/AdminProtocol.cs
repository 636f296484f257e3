namespace SocketIo.AdminUI.Internal;

/// <summary>
/// The names the Admin UI 0.5.1 and its server side agree on: events to the UI, the UI's commands, and the features
/// the <c>config</c> event announces (the UI shows a command's buttons only when its feature is announced).
/// </summary>
internal static class AdminProtocol
{
    // Server → UI.
    public const string Session = "session";
    public const string Config = "config";
    public const string ServerStats = "server_stats";
    public const string AllSockets = "all_sockets";
    public const string SocketConnected = "socket_connected";
    public const string SocketUpdated = "socket_updated";
    public const string SocketDisconnected = "socket_disconnected";
    public const string RoomJoined = "room_joined";
    public const string RoomLeft = "room_left";
    public const string EventReceived = "event_received";
    public const string EventSent = "event_sent";

    // UI → server: (namespace, …, filter), the filter being a room (a socket id names one socket) or none for all.
    public const string EmitCommand = "emit";
    public const string JoinCommand = "join";
    public const string LeaveCommand = "leave";
    public const string DisconnectCommand = "_disconnect";

    /// <summary>The commands, each on one socket (the v3 names) and on many (the v4 ones: M…).</summary>
    public static readonly string[] CommandFeatures = ["EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT"];

    /// <summary>The stats carry aggregated connection, packet and byte counts.</summary>
    public const string AggregatedEventsFeature = "AGGREGATED_EVENTS";

    /// <summary>Development mode: every socket and event is sent as it happens.</summary>
    public const string AllEventsFeature = "ALL_EVENTS";

    /// <summary>Refusal messages the UI shows (it reopens its login form on the first).</summary>
    public const string InvalidCredentials = "invalid credentials";
    public const string Busy = "too many login attempts at once, try again";

    /// <summary>The socket data entry that carries a socket's connection id and transport to other nodes.</summary>
    public const string DataKey = "_admin";
}
