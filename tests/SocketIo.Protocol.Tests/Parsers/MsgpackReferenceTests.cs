using System.Text.Json;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Msgpack;
using static SocketIo.Protocol.Tests.Parsers.MsgpackPackets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// The MessagePack parser against the real socket.io-msgpack-parser 3.0.2 (pinned in tests/interop), live: what our
/// encoders write is byte for byte what its Encoder writes for the packet objects the Node server builds; what its
/// Decoder refuses ours refuses; what it accepts ours decodes to the same packet, or refuses for one of the reasons
/// docs/protocol-fidelity.md lists; over hand-picked, generated and mutated packets.
/// </summary>
public sealed class MsgpackReferenceTests(MsgpackReferenceFixture node) : IClassFixture<MsgpackReferenceFixture>
{
    /// <summary>Why ours refuses what the package's decoder accepts: each a documented choice beyond Node.</summary>
    private static readonly string[] s_refusalsBeyondNode =
    [
        "reserved event name", "ack id out of range", "namespace must start with '/'", "namespace contains control characters",
        "namespace too long", "a map that reads as a binary placeholder", "unsupported MessagePack map key", "nested too deeply",
    ];

    [Fact]
    public void Encoder_IsByteForByteThePackagesEncoder()
    {
        Assert.True(node.Encodings.Count > 300, "the generated cases are missing");
        foreach (var (id, packet) in node.Encodings)
        {
            var ours = MsgpackTestHelpers.ToHex(EncodeCase(packet));
            var theirs = MsgpackTestHelpers.ToHex(Convert.FromHexString(node[id].GetProperty("hex").GetString()!));
            Assert.True(ours == theirs, $"{id}: {packet}\n ours:   {ours}\n theirs: {theirs}");
        }
    }

    [Fact]
    public void Decoder_RefusesWhatThePackageRefuses()
    {
        foreach (var (name, (message, _)) in MsgpackMalformedCases.RefusedAsInNode)
        {
            Assert.True(node["refused: " + name].TryGetProperty("error", out _), $"{name}: the package accepted it: {node["refused: " + name]}");
            Assert.Equal(SocketIoDecodeStatus.Error, Decode(message, out _, out _));
        }
    }

    [Fact]
    public void Decoder_BeyondNode_ThePackageAcceptsWhatWeRefuse()
    {
        foreach (var (name, (message, _)) in MsgpackMalformedCases.RefusedBeyondNode)
        {
            Assert.True(node["beyond: " + name].TryGetProperty("packet", out _), $"{name}: the package refused it too: {node["beyond: " + name]}");
            Assert.Equal(SocketIoDecodeStatus.Error, Decode(message, out _, out _));
        }
    }

    [Fact]
    public void Decoder_Ignored_ThePackageAcceptsAndWeDecode()
    {
        foreach (var (name, value) in MsgpackMalformedCases.Ignored)
        {
            var theirs = node["ignored: " + name].GetProperty("packet");
            Assert.Equal(SocketIoDecodeStatus.Ignored, Decode(value.Message, out var packet, out _));
            AssertSamePacket(name, theirs, packet!);
        }
    }

    [Fact]
    public void Decoder_AgreesWithThePackage_OnGeneratedAndMutatedPackets()
    {
        var counts = new Dictionary<string, int>();
        foreach (var (id, message) in node.Decodings.Where(d => d.Key.StartsWith("encoded", StringComparison.Ordinal) || d.Key.StartsWith("mutated", StringComparison.Ordinal)))
        {
            var theirs = node[id];
            var status = Decode(message, out var packet, out var error);
            var context = $"{id} <{MsgpackTestHelpers.ToHex(message)}>: ours {status} {error}, theirs {theirs}";
            string outcome;
            if (theirs.TryGetProperty("error", out _))
            {
                Assert.True(status == SocketIoDecodeStatus.Error, context);
                outcome = "both refuse";
            }
            else if (status == SocketIoDecodeStatus.Error)
            {
                Assert.True(s_refusalsBeyondNode.Any(reason => error!.Contains(reason, StringComparison.Ordinal)), context);
                outcome = "refused beyond Node";
            }
            else
            {
                AssertSamePacket(context, theirs.GetProperty("packet"), packet!);
                outcome = "same packet";
            }

            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        // The mutations reach both verdicts.
        Assert.True(counts.GetValueOrDefault("both refuse") > 100 && counts.GetValueOrDefault("same packet") > 300, string.Join(", ", counts));
    }

    /// <summary>Type (without the binary variants, which this parser has not), namespace, ack id and payload as JavaScript holds it.</summary>
    private static void AssertSamePacket(string context, JsonElement theirs, SocketIoPacket ours)
    {
        var type = ours.Type switch
        {
            SocketIoPacketType.BinaryEvent => SocketIoPacketType.Event,
            SocketIoPacketType.BinaryAck => SocketIoPacketType.Ack,
            var t => t,
        };
        Assert.True((int)type == theirs.GetProperty("type").GetInt32(), $"{context}: type");
        Assert.True(ours.Namespace == theirs.GetProperty("nsp").GetString(), $"{context}: namespace");
        var theirId = theirs.GetProperty("ackId");
        Assert.True(ours.AckId == (theirId.ValueKind == JsonValueKind.Null ? null : theirId.GetInt64()), $"{context}: ack id");
        if (!theirs.TryGetProperty("json", out var theirJson))
        {
            Assert.True(ours.Data is null, $"{context}: data");
            return;
        }

        var theirAttachments = theirs.GetProperty("attachments").EnumerateArray().Select(a => Convert.FromBase64String(a.GetString()!)).ToArray();
        var expected = JavaScriptView.Of(theirJson.GetString()!, theirAttachments);
        var actual = JavaScriptView.Of(ours.Data!.Value.GetRawText(), ours.Attachments);
        Assert.True(expected == actual, $"{context}: data\n ours:   {actual}\n theirs: {expected}");
    }
}
