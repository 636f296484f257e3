using System.Text.Json;
using SocketIo.Adapters.Cluster;
using SocketIo.Redis.Classic;
using SocketIo.Redis.Sharded;
using static SocketIo.Redis.Tests.Infrastructure.WireText;
using static SocketIo.Redis.Tests.Interop.NodeAdapterCases;

namespace SocketIo.Redis.Tests.Interop;

/// <summary>
/// The Redis wire format against the real @socket.io/redis-adapter 8.3.0 (classic and sharded) and
/// @socket.io/redis-emitter 5.1.0: we write what they publish, byte for byte, and Node adapters do with our payloads
/// what they do with their own.
/// </summary>
public sealed class NodeAdapterInteropTests(NodeAdapterRun node) : IClassFixture<NodeAdapterRun>
{
    public static TheoryData<string> ProducedScenarios => [.. Produced.Keys];

    public static TheoryData<string> ConsumeCases => [.. Consume.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(ProducedScenarios))]
    public void WhatNodePublishes_IsWhatWeWrite(string scenario)
    {
        var published = node.Produced.GetProperty(scenario).EnumerateArray().Select(p => (p.GetProperty("channel").GetString()!, p.GetProperty("hex").GetString()!)).ToArray();
        var ours = Produced[scenario].Select(p => (p.Channel, Convert.ToHexStringLower(p.Payload))).ToArray();
        if (scenario == "sharded.reply.fetch")
        {
            // Node sends a socket whose data holds a Buffer as MessagePack; we read that binary as Node's Buffer JSON
            // (socket details carry no binary here), so our answer is the JSON that reading gives.
            published = [.. published.Select(p => (p.Item1, Convert.ToHexStringLower(ShardedMessageCodec.Encode(ShardedMessage(Convert.FromHexString(p.Item2))))))];
        }

        Assert.Equal(published, ours);
    }

    [Fact]
    public void EveryNodeScenario_IsChecked() =>
        Assert.Equal(Sorted(node.Produced.EnumerateObject().Select(p => p.Name)), Sorted(Produced.Keys));

    [Theory]
    [MemberData(nameof(ConsumeCases))]
    public void NodeAdapters_ActOnOurPayloads(string name)
    {
        var result = node.Consumed.GetProperty(name);
        var calls = result.GetProperty("calls").GetRawText();
        var published = result.GetProperty("published").EnumerateArray().Select(p => (Channel: p.GetProperty("channel").GetString()!, Payload: Convert.FromHexString(p.GetProperty("hex").GetString()!))).ToArray();
        var outcome = result.TryGetProperty("result", out var value) ? value.GetRawText() : null;
        switch (name)
        {
            case "classic.broadcast":
                Assert.Equal("""[{"method":"broadcast","packet":{"type":2,"data":["hi",{"$bin":"AQI="},{"n":1.5}],"nsp":"/"},"opts":{"rooms":["room1"],"except":["room2"],"flags":{"volatile":true}}}]""", calls);
                break;
            case "classic.broadcast.ownRoomOnly":
                // A room this node does not have: the broadcast is skipped undecoded, as for Node's own.
                Assert.Equal("[]", calls);
                break;
            case "emitter.emit":
                Assert.Equal("""[{"method":"broadcast","packet":{"type":2,"data":["from-csharp",{"b":2}],"nsp":"/"},"opts":{"rooms":["room1"],"flags":{"compress":false},"except":[]}}]""", calls);
                break;
            case "emitter.join":
                Assert.Equal("""[{"method":"addSockets","opts":{"rooms":["room1"],"except":[]},"rooms":["room7"]}]""", calls);
                break;
            case "emitter.leave":
                Assert.Equal("""[{"method":"delSockets","opts":{"rooms":[],"except":["room2"]},"rooms":["room7"]}]""", calls);
                break;
            case "emitter.disconnect":
                Assert.Equal("""[{"method":"disconnectSockets","opts":{"rooms":["nobody"],"except":[]},"close":true}]""", calls);
                break;
            case "emitter.serverSideEmit":
                Assert.Equal("""[{"method":"serverSideEmit","args":["hello-srv","from-csharp"]}]""", calls);
                break;
            case "classic.broadcastWithAck":
                Assert.Equal("""[{"method":"broadcastWithAck","packet":{"type":2,"data":["ackme",{"$bin":"CQ=="}],"nsp":"/"},"opts":{"rooms":["room1"],"except":[]}}]""", calls);
                Assert.All(published, p => Assert.Equal(ClassicMain.Response, p.Channel));
                Assert.Equal(1, Assert.IsType<BroadcastClientCountResponse>(ClassicResponse(published[0].Payload)).ClientCount);
                Assert.Equal("""{"ok":7}""", Text(Assert.IsType<BroadcastAckResponse>(ClassicResponse(published[1].Payload)).Argument!.Json));
                break;
            case "classic.serverSideEmitWithAck":
                Assert.Equal("""[{"method":"serverSideEmit","args":["ping",1,"$fn"]}]""", calls);
                var emitAck = Assert.IsType<ServerSideEmitResponse>(ClassicResponse(Assert.Single(published).Payload));
                Assert.Equal(("RQ0002", "\"pong\""), (emitAck.RequestId, Text(emitAck.Argument!.Json)));
                break;
            case "classic.fetch":
                Assert.Equal("""[{"method":"fetchSockets","opts":{"rooms":["room1"],"except":[]}}]""", calls);
                var fetched = Assert.Single(Assert.IsType<RequestReply>(ClassicResponse(Assert.Single(published).Payload)).Sockets!);
                Assert.Equal(Handshake, fetched.Handshake.GetRawText());
                Assert.Equal("""{"user":"bob","avatar":{"type":"Buffer","data":[1,2]}}""", fetched.Data.GetRawText());
                break;
            case "classic.allRooms":
                Assert.Equal([Sid, "room1"], Sorted(Assert.IsType<RequestReply>(ClassicResponse(Assert.Single(published).Payload)).Rooms!));
                break;
            case "classic.reply.allRooms":
                Assert.Equal($$"""["{{Sid}}","remote1","room1"]""", outcome);
                break;
            case "classic.reply.fetch":
                // The local socket first, then ours.
                var sockets = JsonDocument.Parse(outcome!).RootElement;
                Assert.Equal(2, sockets.GetArrayLength());
                Assert.Equal("""{"id":"ourSocketIdAAAAAAAAA","handshake":{"headers":{},"auth":{}},"rooms":["ourSocketIdAAAAAAAAA"],"data":{"avatar":"BQ=="}}""", sockets[1].GetRawText());
                break;
            case "classic.reply.serverSideEmit":
                Assert.Equal("""{"err":null,"responses":[{"from":"csharp"}]}""", outcome);
                break;
            case "classic.reply.broadcastAck":
                // The local client's count and answer first (this Node node's own), then ours.
                Assert.Equal("""{"counts":[1,2],"acks":[{"ok":7},[{"$bin":"Bw=="}]]}""", outcome);
                break;
            case "sharded.broadcast.binary":
                Assert.Equal("""[{"method":"broadcast","packet":{"type":2,"data":["bin",{"$bin":"AQID"}]},"opts":{"rooms":["room1"],"except":[],"flags":{"volatile":true}}}]""", calls);
                break;
            case "sharded.broadcast":
                Assert.Equal("""[{"method":"broadcast","packet":{"type":2,"data":["hello",{"x":[1,"y"]}]},"opts":{"rooms":[],"except":["room2"],"flags":{}}}]""", calls);
                break;
            case "sharded.join":
                Assert.Equal("""[{"method":"addSockets","opts":{"rooms":["room1"],"except":[],"flags":{}},"rooms":["room9"]}]""", calls);
                break;
            case "sharded.leave":
                Assert.Equal("""[{"method":"delSockets","opts":{"rooms":["room1"],"except":[],"flags":{}},"rooms":["room1"]}]""", calls);
                break;
            case "sharded.disconnect":
                Assert.Equal("""[{"method":"disconnectSockets","opts":{"rooms":["room1"],"except":[],"flags":{}},"close":false}]""", calls);
                break;
            case "sharded.broadcastWithAck":
                Assert.Equal("""[{"method":"broadcastWithAck","packet":{"type":2,"data":["ackme"]},"opts":{"rooms":["room1"],"except":[],"flags":{"timeout":1000}}}]""", calls);
                Assert.All(published, p => Assert.Equal(ShardedMain.Private(OurShardedUid), p.Channel));
                Assert.Equal(1, Assert.IsType<ClusterBroadcastClientCount>(ShardedMessage(published[0].Payload)).ClientCount);
                Assert.Equal("""{"ok":7}""", Assert.Single(Assert.IsType<ClusterBroadcastAck>(ShardedMessage(published[1].Payload)).Answer.Arguments).GetRawText());
                break;
            case "sharded.serverSideEmitWithAck":
                Assert.Equal("""[{"method":"serverSideEmit","args":["ping",1,"$fn"]}]""", calls);
                var response = Assert.IsType<ClusterServerSideEmitResponse>(ShardedMessage(Assert.Single(published).Payload));
                Assert.Equal((NodeShardedUid, "/"), (response.Uid, response.Namespace));
                Assert.Equal("\"pong\"", Assert.Single(response.Answer.Arguments).GetRawText());
                break;
            case "sharded.fetch":
                Assert.Equal("""[{"method":"fetchSockets","opts":{"rooms":["room1"],"except":[],"flags":{}}}]""", calls);
                var answer = Assert.IsType<ClusterFetchSocketsResponse>(ShardedMessage(Assert.Single(published).Payload));
                var socket = Assert.Single(answer.Sockets);
                Assert.Equal("""{"user":"bob","avatar":{"type":"Buffer","data":[1,2]}}""", socket.Data.GetRawText());
                Assert.Equal(Handshake, socket.Handshake.GetRawText());
                break;
            case "sharded.reply.fetch":
                var all = JsonDocument.Parse(outcome!).RootElement;
                Assert.Equal("""{"id":"ourSocketIdAAAAAAAAA","handshake":{"headers":{},"auth":{}},"rooms":["ourSocketIdAAAAAAAAA"],"data":{"avatar":"BQ=="}}""", all[1].GetRawText());
                break;
            case "sharded.reply.serverSideEmit":
                Assert.Equal("""{"err":null,"responses":[[1,2]]}""", outcome);
                break;
            case "sharded.reply.broadcastAck":
                Assert.Equal("""{"counts":[1,2],"acks":[{"ok":7},{"bin":{"$bin":"Bw=="}}]}""", outcome);
                break;
            default:
                Assert.Fail($"no expectation for {name}");
                break;
        }
    }

    private static ClassicResponse ClassicResponse(byte[] payload)
    {
        Assert.True(ClassicResponseCodec.TryDecode(payload, out var response, out var error), error);
        return response;
    }

    private static ClusterAdapterMessage ShardedMessage(byte[] payload)
    {
        Assert.True(ShardedMessageCodec.TryDecode(payload, "/", out var message, out var error), error);
        return message;
    }
}
