using System.Buffers;
using Microsoft.AspNetCore.Http;
using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// How this session's polling bodies are framed, by protocol revision. v4: packets joined by <c>0x1E</c>, binary as
/// <c>b</c>+base64. v3: length-prefixed packets; a GET whose batch holds binary gets the binary framing unless the
/// handshake asked for base64 (<c>b64</c>); a JSONP session (<c>j</c> at the handshake) gets the text framing wrapped
/// in a script and POSTs it as a form. What a session gets is fixed by its handshake request, as in Node.
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>Protocol v3 polling: a GET whose batch holds binary may use the binary framing (no <c>b64</c> at the handshake).</summary>
    private readonly bool _pollingSupportsBinary;

    /// <summary>Protocol v3 polling: the JSONP callback index (the handshake's <c>j</c>), or <see langword="null"/> when not JSONP.</summary>
    private readonly string? _jsonpIndex;

    /// <summary>
    /// Whether a protocol v3 request asks for binary messages as base64 text: any non-empty <c>b64</c> does, <c>0</c>
    /// included, as the Node server reads it.
    /// </summary>
    internal static bool AsksForBase64(string? query) => QueryParameters.HasValue(query, "b64");

    /// <summary>Writes <paramref name="frames"/> as one GET response body; returns its <c>Content-Type</c>.</summary>
    private string EncodePollingBody(EngineFrame[] frames, ArrayBufferWriter<byte> body)
    {
        if (ProtocolVersion == 4)
        {
            PollingPayload.Encode(frames, body);
            return PollingPayloadV3.TextContentType;
        }

        if (_jsonpIndex is not null)
        {
            var payload = new ArrayBufferWriter<byte>(256);
            PollingPayloadV3.EncodeText(frames, payload);
            JsonpPolling.WriteResponse(body, _jsonpIndex, payload.WrittenSpan);
            return JsonpPolling.ContentType;
        }

        return PollingPayloadV3.Encode(frames, _pollingSupportsBinary, body) == PollingBodyFormat.Binary
            ? PollingPayloadV3.BinaryContentType
            : PollingPayloadV3.TextContentType;
    }

    /// <summary>
    /// Splits a POST body into packets. Protocol v3: a JSONP session always POSTs a form, whose <c>d</c> field holds
    /// the text framing (without exactly one <c>d</c>, nothing is delivered and the POST is still answered <c>ok</c>,
    /// as in Node); otherwise the binary framing exactly when the <c>Content-Type</c> is <c>application/octet-stream</c>
    /// (as Node decides), else the text framing.
    /// </summary>
    private PayloadDecodeResult DecodePollingBody(string? contentType, ReadOnlyMemory<byte> body, List<EnginePacket> packets)
    {
        if (ProtocolVersion == 4)
        {
            return PollingPayload.TryDecode(body, MaxPacketsPerPayload, packets);
        }

        if (_jsonpIndex is not null)
        {
            if (!JsonpPolling.TryReadPostBody(body.Span, out var textPayload))
            {
                EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, "JSONP POST without exactly one d field; nothing delivered");
                return PayloadDecodeResult.Success;
            }

            return PollingPayloadV3.TryDecodeText(textPayload, MaxPacketsPerPayload, packets);
        }

        return string.Equals(contentType, PollingPayloadV3.BinaryContentType, StringComparison.Ordinal)
            ? PollingPayloadV3.TryDecodeBinary(body, MaxPacketsPerPayload, packets)
            : PollingPayloadV3.TryDecodeText(body, MaxPacketsPerPayload, packets);
    }
}
