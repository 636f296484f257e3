using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Generators;
using SocketIo.Protocol.Tests.Infrastructure;
using static SocketIo.Protocol.Tests.Parsers.MsgpackPackets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// The cases of <see cref="MsgpackReferenceTests"/>, run once through socket.io-msgpack-parser 3.0.2
/// (tests/interop/reference/msgpack-parser.mjs): packets to encode, and messages to decode.
/// </summary>
public sealed class MsgpackReferenceFixture : IAsyncLifetime
{
    private const int Seed = 20_260_613;

    /// <summary>Gets the packets to encode, by case id: hand-picked, then generated ones the comparison holds for.</summary>
    internal IReadOnlyDictionary<string, SocketIoPacketCase> Encodings { get; } = CreateEncodings();

    /// <summary>Gets the messages to decode, by case id: every unusual case, generated packets and mutations of them.</summary>
    public IReadOnlyDictionary<string, byte[]> Decodings { get; private set; } = new Dictionary<string, byte[]>();

    /// <summary>Gets what the package answered, by case id.</summary>
    public IReadOnlyDictionary<string, JsonElement> Results { get; private set; } = new Dictionary<string, JsonElement>();

    public async Task InitializeAsync()
    {
        Decodings = CreateDecodings(Encodings.Values);
        var cases = Encodings.Select(e => (object)new
        {
            id = e.Key,
            op = "encode",
            type = (int)e.Value.Type,
            nsp = e.Value.Namespace,
            ackId = e.Value.AckId,
            json = e.Value.Json is { } json ? System.Text.Encoding.UTF8.GetString(json) : null,
            attachments = e.Value.Attachments.Select(a => Convert.ToBase64String(a.Span)).ToArray(),
        }).Concat(Decodings.Select(d => (object)new { id = d.Key, op = "decode", base64 = Convert.ToBase64String(d.Value) }));
        Results = await NodeReference.RunAsync("reference/msgpack-parser.mjs", cases);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Gets the package's answer to one case, failing with its exception text if the script could not run it.</summary>
    public JsonElement this[string id] => NodeReference.Result(Results, id);

    private static Dictionary<string, SocketIoPacketCase> CreateEncodings()
    {
        static JsonModel Text(string value) => new JsonModel.Text(value);
        static JsonModel Number(string literal) => new JsonModel.Number(literal);
        static JsonModel Array(params JsonModel[] items) => new JsonModel.ArrayValue(items);
        static JsonModel Object(params (string Key, JsonModel Value)[] properties)
            => new JsonModel.ObjectValue([.. properties.Select(p => new KeyValuePair<string, JsonModel>(p.Key, p.Value))]);

        var numbers = new[] { "0", "-0", "1", "127", "128", "255", "256", "65535", "65536", "4294967295", "4294967296", "9007199254740991", "-1", "-32", "-33", "-128", "-129", "-32768", "-32769", "-2147483648", "-2147483649", "-9007199254740991", "1.5", "-2.5e-7", "1e3", "5e-324", "1.7976931348623157e-308" };
        var cases = new Dictionary<string, SocketIoPacketCase>
        {
            ["event"] = new(SocketIoPacketType.Event, "/", null, Array(Text("message"), Number("1"), Text("2"), Object(("3", Array(new JsonModel.Bool(true), new JsonModel.Null()))))),
            ["event with an ack id"] = new(SocketIoPacketType.Event, "/custom", 456, Array(Text("q"))),
            ["event with the largest ack id"] = new(SocketIoPacketType.Event, "/", SocketIoPacket.MaxAckId, Array(Text("q"))),
            ["event with binary at depth"] = new(SocketIoPacketType.Event, "/chat", null, Array(Text("upload"), new JsonModel.Attachment([1, 2, 3]), Object(("parts", Array(Array(new JsonModel.Attachment([]))))))),
            ["event with a 64 KiB attachment"] = new(SocketIoPacketType.Event, "/", null, Array(Text("big"), new JsonModel.Attachment(new byte[65536]))),
            ["event with every number width"] = new(SocketIoPacketType.Event, "/", null, Array([Text("n"), .. numbers.Select(Number)])),
            ["event with long strings and counts"] = new(SocketIoPacketType.Event, "/", null, Array(
                Text(new string('a', 31)), Text(new string('b', 32)), Text(new string('é', 200)), Text(new string('中', 30000)),
                Array([.. Enumerable.Range(0, 16).Select(i => Number(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]),
                Object([.. Enumerable.Range(0, 16).Select(i => ("k" + i, (JsonModel)new JsonModel.Null()))]))),
            ["event with unicode"] = new(SocketIoPacketType.Event, "/é中😀", null, Array(Text("😀"), Text("\u2028\u0000\"\\"), Object(("é", Text("中"))))),
            ["ack"] = new(SocketIoPacketType.Ack, "/", 9, Array(Text("x"), new JsonModel.Attachment([1]))),
            ["ack without arguments"] = new(SocketIoPacketType.Ack, "/admin", 0, Array()),
            ["connect"] = new(SocketIoPacketType.Connect, "/", null, Object(("sid", Text("n4bzGXmNrL7YdgJgAAAC")))),
            ["connect to a namespace"] = new(SocketIoPacketType.Connect, "/custom", null, Object(("sid", Text("n4bzGXmNrL7YdgJgAAAC")))),
            ["disconnect"] = new(SocketIoPacketType.Disconnect, "/kick", null, null),
            ["connect error"] = new(SocketIoPacketType.ConnectError, "/refused", null, Object(("message", Text("no")), ("data", Object(("why", Text("test")))))),
            ["connect error, a string"] = new(SocketIoPacketType.ConnectError, "/", null, Text("refused")),
        };

        // Generated packets, less what notepack 2 itself writes wrongly: integers beyond 2^53 (it rounds, and
        // corrupts those beyond 2^64) and lone surrogates (it writes four bytes for them where UTF-8 has U+FFFD).
        var generated = Gen.Sample(ServerPackets.Where(c => c.Data is null || Comparable(c.Data)), size: 25, seed: new Rnd((ulong)Seed), numberOfSamples: 300);
        for (var i = 0; i < generated.Length; i++)
        {
            cases[$"generated {i}"] = generated[i];
        }

        return cases;
    }

    private static bool Comparable(JsonModel value) => value switch
    {
        JsonModel.Number number => Math.Abs(double.Parse(number.Literal, System.Globalization.CultureInfo.InvariantCulture)) <= SocketIoPacket.MaxAckId,
        JsonModel.Text text => WellFormed(text.Value),
        JsonModel.ArrayValue array => array.Items.All(Comparable),
        JsonModel.ObjectValue obj => obj.Properties.All(p => WellFormed(p.Key) && Comparable(p.Value)),
        _ => true,
    };

    /// <summary>Whether the string has no lone surrogate: UTF-8 carries it unchanged.</summary>
    private static bool WellFormed(string value) => value == System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(value));

    private static Dictionary<string, byte[]> CreateDecodings(IEnumerable<SocketIoPacketCase> packets)
    {
        var decodings = new Dictionary<string, byte[]>();
        foreach (var (name, (message, _)) in MsgpackMalformedCases.RefusedAsInNode)
        {
            decodings["refused: " + name] = message;
        }

        foreach (var (name, (message, _)) in MsgpackMalformedCases.RefusedBeyondNode)
        {
            decodings["beyond: " + name] = message;
        }

        foreach (var (name, value) in MsgpackMalformedCases.Ignored)
        {
            decodings["ignored: " + name] = value.Message;
        }

        var encoded = packets.Select(EncodeCase).ToArray();
        for (var i = 0; i < encoded.Length; i++)
        {
            decodings[$"encoded {i}"] = encoded[i];
        }

        var random = new Random(Seed);
        for (var i = 0; i < 2000; i++)
        {
            var message = encoded[random.Next(encoded.Length)];
            if (message.Length <= 4096)
            {
                decodings[$"mutated {i}"] = Mutate(random, message);
            }
        }

        return decodings;
    }
}
