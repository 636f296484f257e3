using Microsoft.Extensions.Logging;

namespace SocketIo.Server;

public sealed partial class Socket
{
    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Debug, "Socket {SocketId} received '{EventName}', which has no handler.")]
        public static partial void NoHandler(ILogger logger, string socketId, string eventName);

        [LoggerMessage(101, LogLevel.Warning, "Socket {SocketId}: the arguments of '{EventName}' do not fit the handler's parameters: {Problem}")]
        public static partial void ArgumentsDidNotBind(ILogger logger, string socketId, string eventName, string problem);

        [LoggerMessage(102, LogLevel.Error, "Socket {SocketId}: the handler of '{EventName}' threw.")]
        public static partial void HandlerFailed(ILogger logger, string socketId, string eventName, Exception exception);

        [LoggerMessage(103, LogLevel.Warning, "Socket {SocketId}: middleware refused an event ({Message}) and the socket has no error listener.")]
        public static partial void UnhandledMiddlewareError(ILogger logger, string socketId, string message);

        [LoggerMessage(104, LogLevel.Error, "Socket {SocketId}: a listener threw.")]
        public static partial void ListenerFailed(ILogger logger, string socketId, Exception exception);

        [LoggerMessage(105, LogLevel.Debug, "Socket {SocketId}: acknowledgement {AckId} matches no pending emit; ignored.")]
        public static partial void UnknownAck(ILogger logger, string socketId, long ackId);

        [LoggerMessage(106, LogLevel.Debug, "Socket {SocketId} left {Namespace}: {Reason}.")]
        public static partial void SocketDisconnected(ILogger logger, string socketId, string @namespace, string reason);
    }
}
