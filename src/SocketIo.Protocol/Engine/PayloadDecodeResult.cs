namespace SocketIo.Protocol.Engine;

/// <summary>The outcome of decoding a long-polling POST body (or, in protocol v3, one WebSocket message).</summary>
internal enum PayloadDecodeResult
{
    /// <summary>Every segment is a valid packet.</summary>
    Success,

    /// <summary>
    /// The body or one of its segments is empty (e.g. a leading, trailing or doubled separator; in protocol v3, an
    /// empty body or a binary-payload entry of length 0).
    /// </summary>
    EmptySegment,

    /// <summary>
    /// A text segment does not start with a type digit 0–6 (in protocol v3: nor with <c>b4</c>), or a v3 binary
    /// packet is not a message (type byte 4).
    /// </summary>
    InvalidPacketType,

    /// <summary>A <c>b</c> segment is not valid base64.</summary>
    InvalidBase64,

    /// <summary>The body holds more segments than allowed.</summary>
    TooManyPackets,

    /// <summary>
    /// Protocol v3: the framing around a packet is malformed: a length that is missing, not decimal digits or longer
    /// than 10 digits; no <c>:</c> (text payload) or <c>0xFF</c> (binary payload) after it; or a binary-payload
    /// entry marked neither 0 (string) nor 1 (binary).
    /// </summary>
    MalformedFraming,

    /// <summary>
    /// Protocol v3: a packet is shorter than its length says: the body ends first, or, in a text payload, the length
    /// ends between the two halves of a surrogate pair.
    /// </summary>
    Truncated,

    /// <summary>
    /// Protocol v3: a text payload is not valid UTF-8, so its lengths, counted in UTF-16 code units, cannot be
    /// followed.
    /// </summary>
    InvalidUtf8,
}
