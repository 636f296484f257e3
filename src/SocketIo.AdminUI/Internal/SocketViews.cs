using System.Buffers;
using System.Text.Json;
using SocketIo.Protocol.Packets;
using SocketIo.Server;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// A socket as the Admin UI shows it: <c>{ id, clientId, transport, nsp, data, handshake, rooms }</c>, the handshake
/// without its auth payload and with the values of its credential headers hidden (unlike Node, which shows both:
/// they would let whoever reads the UI act as the socket's user elsewhere), and the address a proxy reported when
/// there is one.
/// </summary>
internal static partial class SocketViews
{
    private const string Hidden = "(hidden)";

    /// <summary>Headers whose values are credentials.</summary>
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase) { "authorization", "cookie", "proxy-authorization" };

    /// <summary>Node shows the first 12 characters of the connection id.</summary>
    private const int ClientIdLength = 12;

    public static string ClientId(Socket socket) => Shorten(socket.ConnectionId);

    /// <summary>A socket of this node, read directly.</summary>
    public static JsonElement Describe(Socket socket, IReadOnlySet<string>? rooms = null)
    {
        var handshake = socket.Handshake;
        return Write(writer =>
        {
            writer.WriteString("id", socket.Id);
            writer.WriteString("clientId", ClientId(socket));
            writer.WriteString("transport", socket.Transport);
            writer.WriteString("nsp", socket.Namespace.Name);
            writer.WriteStartObject("data");
            WriteDataProperties(writer, socket.DataToJson());
            writer.WriteEndObject();
            writer.WriteStartObject("handshake");
            var headers = handshake.Headers;
            writer.WriteString("address", FirstHeader(headers, "cf-connecting-ip") ?? FirstHeader(headers, "x-forwarded-for") ?? handshake.Address);
            writer.WriteStartObject("headers");
            foreach (var header in headers)
            {
                writer.WriteString(header.Key.ToLowerInvariant(), CredentialHeaders.Contains(header.Key) ? Hidden : header.Value.ToString());
            }

            writer.WriteEndObject();
            writer.WriteStartObject("query");
            foreach (var parameter in handshake.Query)
            {
                writer.WriteString(parameter.Key, parameter.Value.ToString());
            }

            writer.WriteEndObject();
            writer.WriteNumber("issued", handshake.Issued);
            writer.WriteBoolean("secure", handshake.Secure);
            writer.WriteString("time", handshake.Time);
            writer.WriteString("url", handshake.Url);
            writer.WriteBoolean("xdomain", handshake.XDomain);
            writer.WriteEndObject();
            WriteRooms(writer, rooms ?? socket.Rooms);
        });
    }

    /// <summary>A socket of another node, from the description that node sent (its data's <c>_admin</c> entry included).</summary>
    public static JsonElement Describe(RemoteSocket socket, string nsp)
    {
        var info = Property(socket.Data, AdminProtocol.DataKey);
        return Write(writer =>
        {
            writer.WriteString("id", socket.Id);
            WriteStringOrSkip(writer, "clientId", Property(info, "clientId"));
            WriteStringOrSkip(writer, "transport", Property(info, "transport"));
            writer.WriteString("nsp", nsp);
            writer.WriteStartObject("data");
            WriteDataProperties(writer, socket.Data);
            writer.WriteEndObject();
            var handshake = socket.Handshake;
            var headers = Property(handshake, "headers");
            writer.WriteStartObject("handshake");
            var address = Property(headers, "cf-connecting-ip") ?? Property(headers, "x-forwarded-for") ?? Property(handshake, "address");
            if (address is { } value)
            {
                writer.WritePropertyName("address");
                value.WriteTo(writer);
            }

            if (handshake.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in handshake.EnumerateObject())
                {
                    if (field.Name == "headers" && field.Value.ValueKind == JsonValueKind.Object)
                    {
                        writer.WriteStartObject("headers");
                        foreach (var header in field.Value.EnumerateObject())
                        {
                            if (CredentialHeaders.Contains(header.Name))
                            {
                                writer.WriteString(header.Name, Hidden);
                            }
                            else
                            {
                                header.WriteTo(writer);
                            }
                        }

                        writer.WriteEndObject();
                    }
                    else if (field.Name is "query" or "issued" or "secure" or "time" or "url" or "xdomain")
                    {
                        field.WriteTo(writer);
                    }
                }
            }

            writer.WriteEndObject();
            WriteRooms(writer, socket.Rooms);
        });
    }

    /// <summary>The entries of a socket's data JSON but its <c>_admin</c> one, inside an object the caller opened.</summary>
    public static void WriteDataProperties(Utf8JsonWriter writer, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var entry in data.EnumerateObject())
        {
            if (entry.Name != AdminProtocol.DataKey)
            {
                entry.WriteTo(writer);
            }
        }
    }

    /// <summary>Writes one JSON object with <paramref name="fields"/> and returns it.</summary>
    public static JsonElement Write(Action<Utf8JsonWriter> fields)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(output.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteRooms(Utf8JsonWriter writer, IEnumerable<string> rooms)
    {
        writer.WriteStartArray("rooms");
        foreach (var room in rooms)
        {
            writer.WriteStringValue(room);
        }

        writer.WriteEndArray();
    }

    private static void WriteStringOrSkip(Utf8JsonWriter writer, string name, JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.String } text)
        {
            writer.WritePropertyName(name);
            text.WriteTo(writer);
        }
    }

    private static JsonElement? Property(JsonElement? json, string name)
        => json is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var property) ? property : null;

    private static string? FirstHeader(Microsoft.AspNetCore.Http.IHeaderDictionary headers, string name)
        => headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    private static string Shorten(string id) => id.Length <= ClientIdLength ? id : id[..ClientIdLength];
}
