using System.Buffers;
using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>How a namespace's adapter reaches the namespace's sockets on this node.</summary>
internal sealed class NamespaceAdapterHost(Namespace nsp) : IAdapterHost
{
    public string NamespaceName => nsp.Name;

    public bool Send(string socketId, ReadOnlySpan<EngineFrame> frames, bool isVolatile)
    {
        if (!nsp.Sockets.TryGetValue(socketId, out var socket))
        {
            return false;
        }

        socket.Client.Send(frames, isVolatile);
        return true;
    }

    public bool SendWithAck(string socketId, ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck)
    {
        if (!nsp.Sockets.TryGetValue(socketId, out var socket))
        {
            return false;
        }

        socket.ExpectAck(ackId, timeout, onAck);
        socket.Client.Send(frames, isVolatile: false);
        return true;
    }

    public long NextAckId() => nsp.NextAckId();

    public void Disconnect(string socketId, bool close)
    {
        if (nsp.Sockets.TryGetValue(socketId, out var socket))
        {
            socket.Disconnect(close);
        }
    }

    public SocketDetails? Describe(string socketId)
    {
        if (!nsp.Sockets.TryGetValue(socketId, out var socket))
        {
            return null;
        }

        return new SocketDetails(
            socket.Id,
            DescribeHandshake(socket.Handshake),
            [.. socket.Rooms],
            JsonSerializer.SerializeToElement(socket.Data, SocketIoSerializer.Options));
    }

    /// <summary>The handshake as Node serializes <c>socket.handshake</c> across nodes.</summary>
    private static JsonElement DescribeHandshake(SocketHandshake handshake)
    {
        var output = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("headers");
            foreach (var header in handshake.Headers)
            {
                writer.WriteString(header.Key.ToLowerInvariant(), header.Value.ToString());
            }

            writer.WriteEndObject();
            writer.WriteString("time", handshake.Time);
            writer.WriteString("address", handshake.Address);
            writer.WriteBoolean("xdomain", handshake.XDomain);
            writer.WriteBoolean("secure", handshake.Secure);
            writer.WriteNumber("issued", handshake.Issued);
            writer.WriteString("url", handshake.Url);
            writer.WriteStartObject("query");
            foreach (var parameter in handshake.Query)
            {
                writer.WriteString(parameter.Key, parameter.Value.ToString());
            }

            writer.WriteEndObject();
            writer.WritePropertyName("auth");
            handshake.Auth.WriteTo(writer);
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(output.WrittenMemory).RootElement.Clone();
    }
}
