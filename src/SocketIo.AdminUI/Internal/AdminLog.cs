using Microsoft.Extensions.Logging;

namespace SocketIo.AdminUI.Internal;

/// <summary>The Admin UI's log lines, with stable event ids (900–919).</summary>
internal static partial class AdminLog
{
    [LoggerMessage(900, LogLevel.Information, "Admin UI on namespace {Namespace}: {Mode} mode, server id {ServerId}, {Access}.")]
    public static partial void Started(ILogger logger, string @namespace, AdminUIMode mode, string serverId, string access);

    [LoggerMessage(901, LogLevel.Warning, "Admin UI authentication is off (AllowAnonymous): anyone who reaches {Namespace} sees every socket{Commands}.")]
    public static partial void AnonymousAccess(ILogger logger, string @namespace, string commands);

    [LoggerMessage(910, LogLevel.Warning, "The Admin UI's namespace {Namespace} already exists: the middleware and handlers the application gave it apply to the UI's sockets too. Choose another AdminUIOptions.NamespaceName unless that is meant.")]
    public static partial void NamespaceExists(ILogger logger, string @namespace);

    [LoggerMessage(902, LogLevel.Information, "Admin UI login refused for connection {ConnectionId}: {Reason}.")]
    public static partial void LoginRefused(ILogger logger, string connectionId, string reason);

    [LoggerMessage(903, LogLevel.Information, "Admin UI login of {Username} on connection {ConnectionId}.")]
    public static partial void LoggedIn(ILogger logger, string username, string connectionId);

    [LoggerMessage(904, LogLevel.Information, "Admin UI command {Command} on {Namespace} (room filter {Filter}) from admin socket {SocketId}.")]
    public static partial void Command(ILogger logger, string command, string @namespace, string filter, string socketId);

    [LoggerMessage(905, LogLevel.Warning, "Admin UI command {Command} from admin socket {SocketId} ignored: {Reason}.")]
    public static partial void CommandIgnored(ILogger logger, string command, string socketId, string reason);

    [LoggerMessage(906, LogLevel.Warning, "Admin UI command {Command} from admin socket {SocketId} failed.")]
    public static partial void CommandFailed(ILogger logger, string command, string socketId, Exception exception);

    [LoggerMessage(907, LogLevel.Warning, "Admin UI: the list of every socket could not be fetched for admin socket {SocketId}.")]
    public static partial void AllSocketsFailed(ILogger logger, string socketId, Exception exception);

    [LoggerMessage(908, LogLevel.Error, "Admin UI: a stats round failed; the next one runs as planned.")]
    public static partial void StatsFailed(ILogger logger, Exception exception);

    [LoggerMessage(909, LogLevel.Error, "Admin UI: a notification ({Event}) could not be sent.")]
    public static partial void NotificationFailed(ILogger logger, string @event, Exception exception);
}
