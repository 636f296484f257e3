using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server;

/// <summary>
/// Connection state recovery in a CONNECT: a client that sends the private id and last offset of a dropped socket in
/// its auth gets that socket back if the adapter still keeps its session (<see cref="Adapters.Adapter.RestoreSessionAsync"/>),
/// then is put back in its rooms with the events it missed (<see cref="Adapters.Adapter.ResumeSessionAsync"/>).
/// </summary>
public partial class Namespace
{
    /// <summary>The longest private id or offset read from a CONNECT's auth; a longer one is no session of ours.</summary>
    private const int MaxRecoveryTokenLength = 64;

    /// <summary>Sockets whose close kept their session and has not run its listeners yet, by id.</summary>
    private readonly ConcurrentDictionary<string, Socket> _closingSessions = new(StringComparer.Ordinal);

    /// <summary>Gets the session of a dropped socket that a CONNECT restored, with the offset its client last saw.</summary>
    internal readonly record struct RestoredSession(ConnectionSession Session, string Offset);

    internal void TrackClosingSession(Socket socket) => _closingSessions[socket.Id] = socket;

    internal void UntrackClosingSession(Socket socket) => _closingSessions.TryRemove(new KeyValuePair<string, Socket>(socket.Id, socket));

    /// <summary>
    /// The restore step of a CONNECT: when recovery is on, the client speaks protocol v5 and its auth holds a private id
    /// and an offset (both strings, as Node requires), asks the adapter for the session. Anything else, a refusal by
    /// the adapter or its failure, gives <see langword="null"/>: the client gets a new socket.
    /// </summary>
    private async ValueTask<RestoredSession?> TryRestoreAsync(Client client, JsonElement auth)
    {
        if (Server.Options.ConnectionStateRecovery is null
            || client.Protocol != SocketIoProtocolVersion.V5
            || !Adapter.SupportsConnectionStateRecovery
            || !TryReadRecoveryAuth(auth, out var privateId, out var offset))
        {
            return null;
        }

        ConnectionSession? session;
        try
        {
            session = await Adapter.RestoreSessionAsync(privateId, offset).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An adapter's failure to restore gives the client a new socket; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RecoveryLog.RestoreFailed(Server.Logger, Name, e);
            return null;
        }

        // A session that is not the one asked for, or whose socket id is in use, is not given out.
        if (session is null || session.PrivateId != privateId || _sockets.ContainsKey(session.SocketId))
        {
            if (Server.ClientLogs.Allow(LogLevel.Debug))
            {
                RecoveryLog.NotRecovered(Server.Logger, client.Connection.Id, Name);
            }

            return null;
        }

        // The socket's own room is always among its rooms.
        if (!session.Rooms.Contains(session.SocketId))
        {
            session = session with { Rooms = [session.SocketId, .. session.Rooms] };
        }

        return new RestoredSession(session, offset);
    }

    /// <summary>
    /// Waits until the close of the dropped socket a recovered one replaces has run its listeners, before the new
    /// socket enters the socket map: until then that close still holds the rooms, and events sent to them must not
    /// reach the new socket (the resume replays them, in order, from the adapter's store).
    /// </summary>
    private Task WhenPreviousSessionClosedAsync(string socketId)
        => _closingSessions.TryGetValue(socketId, out var previous) ? previous.SessionClosed : Task.CompletedTask;

    /// <summary>
    /// Puts a recovered socket, already in the socket map, back in its rooms with the events it missed.
    /// False when the adapter could not give every missed event: the socket is taken out and the connection closed,
    /// so the client comes back to a new socket rather than one with a gap.
    /// </summary>
    private async Task<bool> ResumeAsync(Socket socket, RestoredSession restored, Client client)
    {
        var resumed = false;
        try
        {
            resumed = await Adapter.ResumeSessionAsync(restored.Session, restored.Offset).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An adapter's failure is logged; the client comes back to a new socket.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RecoveryLog.ResumeFailed(Server.Logger, Name, e);
        }

        if (!resumed)
        {
            RecoveryLog.MissedEventsDropped(Server.Logger, client.Connection.Id, Name);
            Detach(socket);
            Adapter.DelAll(socket.Id);
            client.Connection.Close(SocketIoDisconnectReasons.ForcedServerClose);
        }

        return resumed;
    }

    /// <summary>Reads <c>pid</c> and <c>offset</c> from a CONNECT's auth object: strings, and short ones.</summary>
    private static bool TryReadRecoveryAuth(JsonElement auth, out string privateId, out string offset)
    {
        string? pid = null;
        string? last = null;
        if (auth.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in auth.EnumerateObject())
            {
                if (SocketIoJson.NameEquals(property, "pid"u8))
                {
                    pid = ReadToken(property.Value);
                }
                else if (SocketIoJson.NameEquals(property, "offset"u8))
                {
                    last = ReadToken(property.Value);
                }
            }
        }

        privateId = pid ?? string.Empty;
        offset = last ?? string.Empty;
        return pid is not null && last is not null;
    }

    private static string? ReadToken(JsonElement value)
        => value.ValueKind == JsonValueKind.String && value.GetRawText().Length <= MaxRecoveryTokenLength + 2 ? SocketIoJson.GetString(value) : null;

    /// <summary>Builds the private id of a new socket: random when recovery is on and the client can use it (protocol v5).</summary>
    private string? NewPrivateId(Client client)
        => Server.Options.ConnectionStateRecovery is not null && client.Protocol == SocketIoProtocolVersion.V5 ? Protocol.RandomIds.Create() : null;

    private static partial class RecoveryLog
    {
        [LoggerMessage(230, LogLevel.Debug, "Connection {ConnectionId} asked to recover a session of {Namespace} that cannot be recovered; it gets a new socket.")]
        public static partial void NotRecovered(ILogger logger, string connectionId, string @namespace);

        [LoggerMessage(231, LogLevel.Warning, "The adapter of {Namespace} failed to restore a session; the client gets a new socket.")]
        public static partial void RestoreFailed(ILogger logger, string @namespace, Exception exception);

        [LoggerMessage(232, LogLevel.Warning, "The adapter of {Namespace} failed to resume a recovered session.")]
        public static partial void ResumeFailed(ILogger logger, string @namespace, Exception exception);

        [LoggerMessage(233, LogLevel.Warning, "Connection {ConnectionId}: events a recovered socket of {Namespace} missed were dropped before they could be sent; closing the connection, the client will reconnect to a new socket.")]
        public static partial void MissedEventsDropped(ILogger logger, string connectionId, string @namespace);
    }
}
