using System.Buffers;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// A JSON writer, its buffer and an attachment list, kept one per thread for JSON that is copied out as soon as it is
/// written: a control packet's payload, or an event's or acknowledgement's arguments, which the parser encodes into
/// frames of their own. A handshake's CONNECT reply then allocates its frame and nothing else. Taken out of the
/// thread's slot while in use, so a nested use (a converter that emits) gets a fresh one.
/// </summary>
internal sealed class JsonScratch
{
    /// <summary>A buffer grown past this (a refusal with large data) is left to the GC rather than kept.</summary>
    private const int MaxKeptBytes = 4096;

    /// <summary>Likewise for a packet with many binary values.</summary>
    private const int MaxKeptAttachments = 16;

    [ThreadStatic]
    private static JsonScratch? t_cached;

    private JsonScratch()
    {
        Buffer = new ArrayBufferWriter<byte>(256);
        Writer = new Utf8JsonWriter(Buffer, SocketIoJson.WriterOptions);
    }

    public ArrayBufferWriter<byte> Buffer { get; }

    public Utf8JsonWriter Writer { get; }

    /// <summary>The binary values the JSON points to with placeholders, in order; emptied on return.</summary>
    public List<ReadOnlyMemory<byte>> Attachments { get; } = [];

    public static JsonScratch Rent()
    {
        var scratch = t_cached;
        t_cached = null;
        return scratch ?? new JsonScratch();
    }

    public static void Return(JsonScratch scratch)
    {
        if (scratch.Buffer.Capacity > MaxKeptBytes || scratch.Attachments.Capacity > MaxKeptAttachments)
        {
            return;
        }

        // Dropped at once: the application's binary values must not live on in a thread's slot.
        scratch.Attachments.Clear();
        scratch.Buffer.ResetWrittenCount();
        scratch.Writer.Reset();
        t_cached = scratch;
    }
}
