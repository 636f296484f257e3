using System.Buffers;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// A JSON writer and its buffer, kept one per thread for JSON that is copied out as soon as it is written: a control
/// packet's payload, which the parser encodes into a frame of its own. A handshake's CONNECT reply then allocates its
/// frame and nothing else. Taken out of the thread's slot while in use, so a nested use gets a fresh one.
/// </summary>
internal sealed class JsonScratch
{
    /// <summary>A buffer grown past this (a refusal with large data) is left to the GC rather than kept.</summary>
    private const int MaxKeptBytes = 4096;

    [ThreadStatic]
    private static JsonScratch? t_cached;

    private JsonScratch()
    {
        Buffer = new ArrayBufferWriter<byte>(256);
        Writer = new Utf8JsonWriter(Buffer, SocketIoJson.WriterOptions);
    }

    public ArrayBufferWriter<byte> Buffer { get; }

    public Utf8JsonWriter Writer { get; }

    public static JsonScratch Rent()
    {
        var scratch = t_cached;
        t_cached = null;
        return scratch ?? new JsonScratch();
    }

    public static void Return(JsonScratch scratch)
    {
        if (scratch.Buffer.Capacity > MaxKeptBytes)
        {
            return;
        }

        scratch.Buffer.ResetWrittenCount();
        scratch.Writer.Reset();
        t_cached = scratch;
    }
}
