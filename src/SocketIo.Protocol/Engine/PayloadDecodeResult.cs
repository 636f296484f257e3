namespace SocketIo.Protocol.Engine;

/// <summary>The outcome of decoding a long-polling POST body.</summary>
internal enum PayloadDecodeResult
{
    /// <summary>Every segment is a valid packet.</summary>
    Success,

    /// <summary>The body or one of its segments is empty (e.g. a leading, trailing or doubled separator).</summary>
    EmptySegment,

    /// <summary>A text segment does not start with a type digit 0–6.</summary>
    InvalidPacketType,

    /// <summary>A <c>b</c> segment is not valid base64.</summary>
    InvalidBase64,

    /// <summary>The body holds more segments than allowed.</summary>
    TooManyPackets,
}
