namespace SocketIo.Adapters.Wire;

/// <summary>The building blocks every adapter message shares: broadcast options, the packet object, socket details.</summary>
internal sealed partial class WireWriter
{
    /// <summary>The packet type every broadcast is sent with: EVENT, even with binary arguments.</summary>
    private const int EventType = 2;

    /// <summary>
    /// Writes broadcast options in <paramref name="layout"/>. Flags hold only what differs from the defaults, as a
    /// Node broadcast operator sets them: <c>volatile:true</c>, <c>compress:false</c>, <c>local:true</c>,
    /// <c>timeout</c> in whole milliseconds; none gives <c>{}</c>.
    /// </summary>
    public void WriteOptions(BroadcastOptions options, OptionsLayout layout)
    {
        ArgumentNullException.ThrowIfNull(options);
        Json.WriteStartObject();
        Json.WritePropertyName("rooms"u8);
        WriteStrings(options.Rooms);
        if (layout == OptionsLayout.RoomsFlagsExcept)
        {
            WriteFlags(options.Flags);
        }

        Json.WritePropertyName("except"u8);
        WriteStrings(options.Except);
        if (layout == OptionsLayout.RoomsExceptFlags)
        {
            WriteFlags(options.Flags);
        }

        Json.WriteEndObject();
    }

    /// <summary>Writes the packet object: <c>{"type":2,"data":[…]}</c>, then <c>"id"</c> and <c>"nsp"</c> when set.</summary>
    public void WritePacket(BroadcastPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        Json.WriteStartObject();
        Json.WriteNumber("type"u8, EventType);
        Json.WritePropertyName("data"u8);
        WriteValue(packet.Data);
        if (packet.Id is { } id)
        {
            Json.WriteNumber("id"u8, id);
        }

        if (packet.Nsp is { } nsp)
        {
            Json.WriteString("nsp"u8, nsp);
        }

        Json.WriteEndObject();
    }

    /// <summary>Writes a socket's details: <c>{"id","handshake","rooms","data"}</c>, <c>data</c> left out when undefined.</summary>
    public void WriteSocket(SocketDetails socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Json.WriteStartObject();
        Json.WriteString("id"u8, socket.Id);
        Json.WritePropertyName("handshake"u8);
        WriteJson(socket.Handshake);
        Json.WritePropertyName("rooms"u8);
        WriteStrings(socket.Rooms);
        if (socket.Data.ValueKind != System.Text.Json.JsonValueKind.Undefined)
        {
            Json.WritePropertyName("data"u8);
            WriteJson(socket.Data);
        }

        Json.WriteEndObject();
    }

    /// <summary>Writes an array of socket details.</summary>
    public void WriteSockets(IEnumerable<SocketDetails> sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        Json.WriteStartArray();
        foreach (var socket in sockets)
        {
            WriteSocket(socket);
        }

        Json.WriteEndArray();
    }

    /// <summary>Writes an acknowledgement's first argument under <paramref name="name"/>; left out when there was none, as JavaScript drops <c>undefined</c>.</summary>
    public void WriteAnswer(ReadOnlySpan<byte> name, AckResponse answer)
    {
        if (AckAnswers.ToValue(answer) is { } value)
        {
            Json.WritePropertyName(name);
            WriteValue(value);
        }
    }

    private void WriteFlags(BroadcastFlags flags)
    {
        Json.WriteStartObject("flags"u8);
        if (flags.Volatile)
        {
            Json.WriteBoolean("volatile"u8, true);
        }

        if (!flags.Compress)
        {
            Json.WriteBoolean("compress"u8, false);
        }

        if (flags.Local)
        {
            Json.WriteBoolean("local"u8, true);
        }

        if (flags.Timeout is { } timeout)
        {
            Json.WriteNumber("timeout"u8, (long)timeout.TotalMilliseconds);
        }

        Json.WriteEndObject();
    }
}
