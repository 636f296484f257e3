using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// The handshake's header snapshot answers as the <see cref="HeaderDictionary"/> it replaced: names ignore case, a
/// missing header reads empty, it does not follow the request it was taken from, and it can be edited.
/// </summary>
public sealed class HeaderSnapshotTests
{
    [Fact]
    public void Reads_like_a_header_dictionary()
    {
        var source = Source();
        var snapshot = new HeaderSnapshot(source);

        Assert.Equal("a,b", snapshot["X-Two"].ToString());
        Assert.Equal("example.test", snapshot["HOST"].ToString());
        Assert.True(snapshot.ContainsKey("host"));
        Assert.Equal(StringValues.Empty, snapshot["x-missing"]);
        Assert.False(snapshot.TryGetValue("x-missing", out _));
        Assert.Throws<KeyNotFoundException>(() => ((IDictionary<string, StringValues>)snapshot)["x-missing"]);
        Assert.Equal(42, snapshot.ContentLength);
        Assert.Equal(source.Count, snapshot.Count);
        Assert.Equal(source.Keys.Order(), snapshot.Keys.Order());
        Assert.Equal(source.OrderBy(pair => pair.Key), snapshot.OrderBy(pair => pair.Key));
        // ICollection's Contains, which matches the name ignoring case (a sequence's would compare the pairs).
        var (sameValue, otherValue) = (snapshot.Contains(new("host", "example.test")), snapshot.Contains(new("host", "other.test")));
        Assert.True(sameValue);
        Assert.False(otherValue);

        var copied = new KeyValuePair<string, StringValues>[snapshot.Count + 1];
        snapshot.CopyTo(copied, 1);
        Assert.Equal(snapshot.OrderBy(pair => pair.Key), copied.Skip(1).OrderBy(pair => pair.Key));
    }

    [Fact]
    public void Keeps_what_the_request_had_when_taken()
    {
        var source = Source();
        var snapshot = new HeaderSnapshot(source);

        source["Host"] = "other.test";
        source.Remove("X-Two");

        Assert.Equal("example.test", snapshot["Host"].ToString());
        Assert.Equal("a,b", snapshot["X-Two"].ToString());
    }

    [Fact]
    public void Takes_edits_and_answers_with_them_from_then_on()
    {
        var snapshot = new HeaderSnapshot(Source());

        snapshot["X-Added"] = "1";
        snapshot.Remove("x-two");
        snapshot.ContentLength = 7;

        Assert.Equal("1", snapshot["x-added"].ToString());
        Assert.False(snapshot.ContainsKey("X-Two"));
        Assert.Equal("example.test", snapshot["host"].ToString());
        Assert.Equal(7, snapshot.ContentLength);
        Assert.Equal(["Content-Length", "Host", "X-Added"], snapshot.Keys.Order(StringComparer.OrdinalIgnoreCase));

        snapshot.Clear();
        Assert.Empty(snapshot);
    }

    [Fact]
    public void Reads_no_length_from_a_missing_or_malformed_header()
    {
        Assert.Null(new HeaderSnapshot(new HeaderDictionary()).ContentLength);
        Assert.Null(new HeaderSnapshot(new HeaderDictionary { ["Content-Length"] = "4x" }).ContentLength);
        Assert.Null(new HeaderSnapshot(new HeaderDictionary { ["Content-Length"] = new StringValues(["1", "2"]) }).ContentLength);
        Assert.Equal(5, new HeaderSnapshot(new HeaderDictionary { ["Content-Length"] = " 5 " }).ContentLength);
    }

    private static HeaderDictionary Source() => new()
    {
        ["Host"] = "example.test",
        ["X-Two"] = new StringValues(["a", "b"]),
        ["Content-Length"] = "42",
    };
}
