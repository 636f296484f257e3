using System.Text;
using SocketIo.Protocol.Engine;

namespace SocketIo.Protocol.Tests.Generators;

/// <summary>One Engine.IO message as generated: text (the whole packet, type digit first) or binary. Prints readably.</summary>
/// <param name="IsBinary">Whether it is a binary message.</param>
/// <param name="Bytes">The UTF-8 text packet or the binary bytes; text may be invalid UTF-8 when generated as hostile input.</param>
internal sealed record WireFrame(bool IsBinary, byte[] Bytes)
{
    public static WireFrame From(EngineFrame frame) => new(frame.IsBinary, frame.Payload.ToArray());

    public EngineFrame ToEngineFrame() => IsBinary ? EngineFrame.Binary(Bytes) : EngineFrame.Text(Bytes);

    public override string ToString() => IsBinary
        ? "binary <" + Convert.ToHexString(Bytes) + ">"
        : "text " + Encoding.UTF8.GetString(Bytes) + " <" + Convert.ToHexString(Bytes) + ">";
}
