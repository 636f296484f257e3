using SocketIo.Protocol.Tests.Engine;

namespace SocketIo.Protocol.Tests.Reference;

/// <summary>
/// The cases run through <c>tests/interop/reference/eio3-codec.mjs</c>, i.e. through the Node server's own classes
/// (engine.io 6.6 with allowEIO3, socket.io 4.8), and compared with our codecs by <see cref="NodeReferenceTests"/>.
/// Decode cases where the Node parser is more lenient than ours (see <c>PollingPayloadV3</c>) are tested as unit
/// tests instead; every case here is one where both sides must agree.
/// </summary>
internal static class NodeReferenceCases
{
    /// <summary>300 bytes 00..FF, 00..2B: a binary message whose framed length has three digits.</summary>
    public static readonly byte[] LongBinary = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

    /// <summary>A message with everything a JavaScript string literal has to escape, and what it need not.</summary>
    public const string AwkwardText = "a\nb\\nc\"d\u2028e\u2029f\u0001g</script>&é€😀\t\r";

    public static readonly EncodeCase[] Encode =
    [
        new("get/mixed-binary-session", B64: false, J: null, [Message("hello"), Message([1, 2, 3, 4])]),
        new("get/mixed-b64-session", B64: true, J: null, [Message("hello"), Message([1, 2, 3, 4])]),
        new("get/empty", B64: false, J: null, []),
        new("get/empty-b64", B64: true, J: null, []),
        new("get/noop", B64: false, J: null, [new PacketSpec("noop")]),
        new("get/text-units", B64: false, J: null, [Message("2[\"message-back\",\"€\"]"), Message("😀é"), new PacketSpec("pong")]),
        new("get/binary-units", B64: false, J: null,
            [Message("€😀"), Message([]), Message(new string('x', 150) + "é"), Message(LongBinary), new PacketSpec("pong")]),
        new("get/text-awkward", B64: false, J: null, [Message(AwkwardText)]),
        new("get/many", B64: false, J: null, [.. Enumerable.Range(0, 12).Select(i => Message(new string('m', i * 9)))]),
        new("get/jsonp", B64: true, J: "1x2", [Message(AwkwardText), Message([1, 2])]),
        new("get/jsonp-empty-index", B64: true, J: "", []),
        new("get/jsonp-text-only", B64: false, J: "7", [Message("hi"), new PacketSpec("noop")]),
    ];

    public static readonly DecodeCase[] Decode =
    [
        Text("post/text", "6:4hello10:b4AQIDBA==1:6"),
        Text("post/text-units", "22:42[\"message-back\",\"€\"]3:4😀2:4é"),
        Text("post/text-awkward", $"{AwkwardText.Length + 1}:4{AwkwardText}"),
        Text("post/text-empty-segments", "0:2:4a0:"),
        Text("post/text-heartbeat", "1:21:2"),
        Text("post/text-long", "203:4" + new string('x', 202)),
        Binary("post/binary-suite", EngineTestHelpers.Bytes(0, 6, 255, "4hello", 1, 5, 255, 4, new byte[] { 1, 2, 3, 4 })),
        Binary("post/binary-units", EngineTestHelpers.Bytes(0, 1, 1, 255, "4€😀é", 0, 1, 255, "2")),
        Binary("post/binary-long", EngineTestHelpers.Bytes(1, 3, 0, 1, 255, 4, LongBinary, 0, 6, 255, "b4AQI=")),
        Text("post/error-junk", "abc"),
        Text("post/error-empty", ""),
        Text("post/error-truncated", "5:4ab"),
        Text("post/error-split-pair", "2:4😀"),
        Text("post/error-type", "3:7ab"),
        Text("post/error-no-colon", "2"),
        Text("post/error-length-in-bytes", "4:4€1:2"),
        Text("post/error-good-then-bad", "2:4a3:7ab"),
        Binary("post/error-binary-empty-entry", EngineTestHelpers.Bytes(0, 0, 255)),
        Jsonp("post/jsonp", "d=6%3A4hello"),
        Jsonp("post/jsonp-newlines", JsonpPollingTests.ClientForm("7:4a\nb\\nc")),
        Jsonp("post/jsonp-lossy-newlines", JsonpPollingTests.ClientForm("5:4\\\n\\n")), // the escaping cannot tell these apart
        Jsonp("post/jsonp-awkward", JsonpPollingTests.ClientForm($"{AwkwardText.Length + 1}:4{AwkwardText}")),
        Jsonp("post/jsonp-plus", "d=6%3A4a+b%2Bc"),
        Jsonp("post/jsonp-missing", "x=1"),
        Jsonp("post/jsonp-repeated", "d=1%3A2&d=1%3A2"),
        Jsonp("post/jsonp-encoded-key", "x&%64=1:2&y=%ZZ"),
        Jsonp("post/jsonp-999-pairs", new string('&', 999) + "d=1:2"),
        Jsonp("post/jsonp-1000-pairs", new string('&', 1000) + "d=1:2"),
        Jsonp("post/jsonp-malformed-escape", "d=4%3A4%ZZ"),
        Jsonp("post/jsonp-not-utf8-escape", "d=2%3A4%C3"),
        Jsonp("post/jsonp-fallback-low-byte", "d=6%3A4é€%ZZ"),
        Jsonp("post/jsonp-no-escape", "d=4:4é%ZZ"),
    ];

    public static readonly NamespaceCase[] Namespaces =
    [
        new("nsp/plain", "/nsp"),
        new("nsp/token", "/nsp?token=abc"),
        new("nsp/order", "/nsp?b=1&2=x&1=y&b=2&0=z"),
        new("nsp/big-indexes", "/nsp?4294967294=a&4294967295=b&01=c"),
        new("nsp/decoding", "/nsp?a%20b=c+d&e=%E2%82%AC&f=é&g=%F0%9F%98%80"),
        new("nsp/bad-escapes", "/nsp?bad=%ZZ%C3&%=%4"),
        new("nsp/empty-pairs", "/nsp?a=1&&b=2&=&c"),
        new("nsp/proto", "/nsp?__proto__=1&constructor=2"),
        new("nsp/quotes", "/nsp?q=\"x\"&r=\\"),
        new("nsp/fragment-after", "/nsp?x=1#frag"),
        new("nsp/fragment-before", "/nsp#frag?x=1"),
        new("nsp/trailing-spaces", "/nsp?x=1  "),
        new("nsp/empty-query", "/nsp?"),
        new("nsp/root", "/?x=1"),
    ];

    public static readonly HandshakeCase[] Handshakes =
    [
        new("handshake/polling", "EIO=3&transport=polling"),
        new("handshake/polling-b64", "EIO=3&transport=polling&b64=1&t=burst"),
    ];

    public static IEnumerable<object> All =>
        Encode.Cast<object>().Concat(Decode).Concat(Namespaces).Concat(Handshakes);

    private static PacketSpec Message(string text) => new("message", Text: text);

    private static PacketSpec Message(byte[] data) => new("message", Base64: Convert.ToBase64String(data));

    private static DecodeCase Text(string id, string body) => new(id, J: null, Text: body, Base64: null);

    private static DecodeCase Binary(string id, byte[] body) => new(id, J: null, Text: null, Base64: Convert.ToBase64String(body));

    private static DecodeCase Jsonp(string id, string body) => new(id, J: "0", Text: body, Base64: null);
}
