using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// A local socket as other nodes see it (Node's <c>RemoteSocket</c> fields), written only when something asks: a
/// fetch from another node, or a user reading a fetched local socket's JSON. Data that cannot be serialized never
/// fails the caller: the entry is left out (as <c>JSON.stringify</c> leaves out what it cannot write) and logged.
/// </summary>
internal static partial class SocketDescription
{
    public static SocketDetails Describe(Socket socket, ILogger logger)
        => new(socket.Id, Handshake(socket.Handshake), [.. socket.Rooms], Data(socket, logger));

    /// <summary>The handshake as Node serializes <c>socket.handshake</c> across nodes.</summary>
    public static JsonElement Handshake(SocketHandshake handshake)
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

        return Parse(output.WrittenMemory);
    }

    /// <summary><see cref="Socket.Data"/> as a JSON object, each entry serialized on its own so one bad value costs only itself.</summary>
    public static JsonElement Data(Socket socket, ILogger logger)
    {
        var output = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in socket.DataIfCreated ?? EmptyData)
            {
                byte[] json;
                try
                {
                    json = value is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(value, socket.Namespace.Server.Serializer.GetTypeInfo(value.GetType()));
                }
#pragma warning disable CA1031 // Whatever a user's value throws while serialized, the describe goes on without it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Log.DataEntryNotSerializable(logger, socket.Id, key, e);
                    continue;
                }

                writer.WritePropertyName(key);
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Parse(output.WrittenMemory);
    }

    private static readonly Dictionary<string, object?> EmptyData = [];

    private static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static partial class Log
    {
        [LoggerMessage(410, LogLevel.Warning, "Socket {SocketId}: Data[\"{Key}\"] cannot be serialized to JSON; it is left out of the socket's description.")]
        public static partial void DataEntryNotSerializable(ILogger logger, string socketId, string key, Exception exception);
    }
}
