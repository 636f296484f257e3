using Microsoft.Extensions.Logging;

namespace SocketIo.Engine;

public sealed partial class EngineIoServer
{
    /// <summary>Engine.IO log messages; the event ids are stable.</summary>
    internal static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Session {Sid} opened on {Transport}.", EventName = "SessionOpened")]
        public static partial void SessionOpened(ILogger logger, string sid, string transport);

        [LoggerMessage(2, LogLevel.Debug, "Session {Sid} closed: {Reason}.", EventName = "SessionClosed")]
        public static partial void SessionClosed(ILogger logger, string sid, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Session {Sid}: protocol violation: {Detail}.", EventName = "ProtocolViolation")]
        public static partial void ProtocolViolation(ILogger logger, string sid, string detail);

        [LoggerMessage(4, LogLevel.Error, "Session {Sid}: the handler threw.", EventName = "HandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, string sid, Exception exception);

        [LoggerMessage(5, LogLevel.Error, "An Engine.IO request failed.", EventName = "RequestFailed")]
        public static partial void RequestFailed(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Debug, "Request refused with code {Code}: {Message}.", EventName = "RequestRefused")]
        public static partial void RequestRefused(ILogger logger, int code, string message);

        [LoggerMessage(7, LogLevel.Warning, "Session {Sid}: the client is not reading; sending {Bytes} more bytes would exceed its outbound buffer limit of {Limit} bytes. Closing the session.", EventName = "OutboundOverflow")]
        public static partial void OutboundOverflow(ILogger logger, string sid, long bytes, long limit);

        [LoggerMessage(8, LogLevel.Debug, "Session {Sid} upgraded to websocket.", EventName = "Upgraded")]
        public static partial void Upgraded(ILogger logger, string sid);

        [LoggerMessage(9, LogLevel.Warning, "Session {Sid}: payload over {Limit} bytes refused.", EventName = "PayloadTooLarge")]
        public static partial void PayloadTooLarge(ILogger logger, string sid, int limit);

        [LoggerMessage(10, LogLevel.Debug, "Session {Sid}: WebSocket ended: {Detail}.", EventName = "WebSocketEnded")]
        public static partial void WebSocketEnded(ILogger logger, string sid, string detail);
    }
}
