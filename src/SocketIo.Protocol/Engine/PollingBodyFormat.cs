namespace SocketIo.Protocol.Engine;

/// <summary>How a protocol v3 polling response body is framed, which decides its <c>Content-Type</c>.</summary>
internal enum PollingBodyFormat
{
    /// <summary>Text framing, <c>&lt;length&gt;:&lt;packet&gt;</c>: <see cref="PollingPayloadV3.TextContentType"/>.</summary>
    Text,

    /// <summary>Binary framing, a marker byte, length digits and <c>0xFF</c> per packet: <see cref="PollingPayloadV3.BinaryContentType"/>.</summary>
    Binary,
}
