using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SocketIo.Engine.Diagnostics;

namespace SocketIo.Engine;

/// <summary>Writes the reference's error responses byte for byte.</summary>
internal static class EngineErrors
{
    public static string Message(EngineErrorCode code) => code switch
    {
        EngineErrorCode.TransportUnknown => "Transport unknown",
        EngineErrorCode.UnknownSid => "Session ID unknown",
        EngineErrorCode.BadHandshakeMethod => "Bad handshake method",
        EngineErrorCode.BadRequest => "Bad request",
        EngineErrorCode.Forbidden => "Forbidden",
        _ => "Unsupported protocol version",
    };

    /// <summary>Writes <c>{"code":N,"message":"…"}</c> as application/json.</summary>
    public static async Task WriteAsync(HttpContext context, int status, int code, string message)
    {
        EngineTelemetry.Refused(context, (EngineErrorCode)code);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("code"u8, code);
            json.WriteString("message"u8, message);
            json.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>A refused WebSocket upgrade: a plain 400 with the message as text/html and the connection closed, as the Node server answers a WebSocket request it cannot take (an unknown transport or session).</summary>
    public static async Task WriteWebSocketRefusalAsync(HttpContext context, EngineErrorCode code)
    {
        EngineTelemetry.Refused(context, code);
        var body = System.Text.Encoding.UTF8.GetBytes(Message(code));
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/html";
        context.Response.Headers.Connection = "close";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
