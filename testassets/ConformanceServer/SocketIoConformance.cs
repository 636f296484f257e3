using SocketIo.Protocol.Parsers;
using SocketIo.Server;

namespace ConformanceServer;

/// <summary>The Socket.IO wiring the official socket.io-protocol v5 suite expects at <c>/socket.io/</c>.</summary>
internal static class SocketIoConformance
{
    /// <summary>
    /// The engine settings the suite asserts, plus its 1 s connect timeout, and the parser the environment variable
    /// <c>PARSER</c> names: <c>msgpack</c> for socket.io-msgpack-parser's, the default parser when it is unset.
    /// </summary>
    public static void Configure(SocketIoOptions options)
    {
        options.PingInterval = TimeSpan.FromMilliseconds(300);
        options.PingTimeout = TimeSpan.FromMilliseconds(200);
        options.MaxHttpBufferSize = 1_000_000;
        options.ConnectTimeout = TimeSpan.FromSeconds(1);
        options.Parser = Environment.GetEnvironmentVariable("PARSER") switch
        {
            null or "" or "default" => SocketIoParsers.Default,
            "msgpack" => SocketIoParsers.MessagePack,
            var other => throw new InvalidOperationException($"PARSER={other} names no parser: use msgpack, or leave it unset for the default parser."),
        };
    }

    /// <summary>Namespaces <c>/</c> and <c>/custom</c> greet with the handshake auth; <c>/</c> echoes events.</summary>
    public static void MapSocketIoConformance(this WebApplication app)
    {
        var io = app.MapSocketIo(endpoint => endpoint.RequireCors(ConformanceCors.AnyOrigin));
        io.OnConnection(socket =>
        {
            socket.Emit("auth", socket.Handshake.Auth);
            socket.On("message", (SocketIoArguments args) => socket.Emit("message-back", args));
            socket.On("message-with-ack", (SocketIoArguments args, SocketIoAck ack) => ack.Send(args));
        });
        io.Of("/custom").OnConnection(socket => socket.Emit("auth", socket.Handshake.Auth));
    }
}
