using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;
using static SocketIo.Protocol.Tests.Packets.PacketTestHelpers;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>CONNECT_ERROR payloads: the v5 object, and protocol v4's data-or-message the 2.x client gets as <c>error</c>.</summary>
public sealed class ConnectErrorPayloadTests
{
    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, SocketIoJson.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement Json(string text) => JsonElement.Parse(text);

    /// <summary>The whole packet, as a 2.x client receives it.</summary>
    private static string RefusalPacket(SocketIoProtocolVersion version, string nsp, string message, JsonElement? data)
    {
        var payload = Json(Write(w => ConnectErrorPayload.WriteRefusal(w, version, message, data)));
        return EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.ConnectError, Namespace = nsp, Data = payload });
    }

    [Fact]
    public void Object_HasTheMessage_AndTheDataWhenSet()
    {
        Assert.Equal("""{"message":"nope"}""", Write(w => ConnectErrorPayload.WriteObject(w, "nope", null)));
        Assert.Equal("""{"message":"nope","data":{"a":[1]}}""", Write(w => ConnectErrorPayload.WriteObject(w, "nope", Json("""{"a":[1]}"""))));
        Assert.Equal("""{"message":"nope","data":null}""", Write(w => ConnectErrorPayload.WriteObject(w, "nope", Json("null"))));
    }

    [Fact]
    public void V5_RefusalIsTheObject()
    {
        Assert.Equal(
            """44/admin,{"message":"nope","data":{"retry":true}}""",
            RefusalPacket(SocketIoProtocolVersion.V5, "/admin", "nope", Json("""{"retry":true}""")));
    }

    [Fact]
    public void V4_RefusalWithoutData_IsTheMessageString()
    {
        Assert.Equal("""44/auth-fail-nodata,"nope" """.TrimEnd(), RefusalPacket(SocketIoProtocolVersion.V4, "/auth-fail-nodata", "nope", null));
        Assert.Equal("""44"Not authorized" """.TrimEnd(), RefusalPacket(SocketIoProtocolVersion.V4, "/", "Not authorized", null));
    }

    [Theory]
    [InlineData("""{"content":"Please retry later"}""")]
    [InlineData("\"details\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("-1")]
    [InlineData("true")]
    public void V4_RefusalWithTruthyData_IsTheData(string data)
    {
        Assert.Equal(data, Write(w => ConnectErrorPayload.WriteRefusal(w, SocketIoProtocolVersion.V4, "nope", Json(data))));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.0e5")]
    [InlineData("1e-400")] // too small for a double: 0 in JavaScript too
    [InlineData("\"\"")]
    public void V4_RefusalWithFalsyData_IsTheMessage(string data)
    {
        Assert.Equal("\"nope\"", Write(w => ConnectErrorPayload.WriteRefusal(w, SocketIoProtocolVersion.V4, "nope", Json(data))));
    }

    [Theory]
    [InlineData("1e400", true)] // Infinity
    [InlineData("\"\\u0000\"", true)]
    [InlineData("\"\\ud800\"", true)] // a lone surrogate escape is not read as a string, only measured
    [InlineData("0.1", true)]
    [InlineData("-0.0", false)]
    public void IsTruthy_FollowsJavaScript(string json, bool truthy)
    {
        Assert.Equal(truthy, ConnectErrorPayload.IsTruthy(Json(json)));
    }

    [Fact]
    public void V4_UnknownNamespace_GetsTheObjectForm()
    {
        // The Node server refuses an unknown namespace with the v5 object whatever the client's protocol.
        var payload = Json(Write(w => ConnectErrorPayload.WriteObject(w, "Invalid namespace", null)));
        Assert.Equal(
            """44/random,{"message":"Invalid namespace"}""",
            EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.ConnectError, Namespace = "/random", Data = payload }));
    }

    [Theory]
    [InlineData("/", "40")]
    [InlineData("/admin", "40/admin,")]
    public void V4_ConnectReply_HasNoPayload(string nsp, string wire)
    {
        Assert.Equal(wire, EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Connect, Namespace = nsp }));
    }
}
