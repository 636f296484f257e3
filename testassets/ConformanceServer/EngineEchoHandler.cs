using SocketIo.Protocol.Engine;
using SocketIo.Engine;

namespace ConformanceServer;

/// <summary>The bare Engine.IO application the engine.io-protocol suite expects: every message goes back to its sender.</summary>
internal sealed class EngineEchoHandler : IEngineIoHandler
{
    public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection) => new Session(connection);

    private sealed class Session(IEngineIoConnection connection) : IEngineIoSessionHandler
    {
        public ValueTask OnTextMessageAsync(ReadOnlyMemory<byte> utf8)
        {
            // The engine reuses the buffer after this call: copy, with the message type digit in front.
            var packet = new byte[utf8.Length + 1];
            packet[0] = (byte)'4';
            utf8.Span.CopyTo(packet.AsSpan(1));
            connection.Send([EngineFrame.Text(packet)]);
            return ValueTask.CompletedTask;
        }

        public ValueTask OnBinaryMessageAsync(ReadOnlyMemory<byte> data)
        {
            connection.Send([EngineFrame.Binary(data.ToArray())]);
            return ValueTask.CompletedTask;
        }

        public void OnClosed(string reason)
        {
        }
    }
}
