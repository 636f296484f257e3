namespace SocketIo.Server.Internal;

/// <summary>
/// The attachments in play while System.Text.Json runs on this thread, so the byte[] converter can turn
/// placeholders into attachments and back. Serialization is synchronous, so a thread-static is enough.
/// </summary>
internal static class BinaryScope
{
    /// <summary>Attachments that inbound placeholders refer to.</summary>
    [ThreadStatic]
    public static IReadOnlyList<byte[]>? Inbound;

    /// <summary>Where outbound byte arrays are collected while a packet is written.</summary>
    [ThreadStatic]
    public static List<ReadOnlyMemory<byte>>? Outbound;
}
