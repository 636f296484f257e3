using Microsoft.AspNetCore.Http;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// Engine.IO's parameters are read from the raw query string, without the request's parsed collection: each read must
/// give what that collection gives, and the handshake snapshot parses its query only when someone reads it.
/// </summary>
public sealed class QueryParametersTests
{
    public static TheoryData<string, string> Queries => new()
    {
        { "?EIO=4&transport=websocket", "EIO" },
        { "?EIO=4&transport=websocket", "transport" },
        { "?eio=4&TRANSPORT=polling", "EIO" },
        { "?EIO=4&transport=polling&sid=abc-_D", "sid" },
        { "?EIO=4&sid=", "sid" },
        { "?EIO=4&b64", "b64" },
        { "?EIO=4&b64=1", "b64" },
        { "EIO=3&j=2", "j" },
        { "?EIO=4&EIO=3", "EIO" },
        { "?E%49O=4&transport=web%73ocket", "EIO" },
        { "?E%49O=4&transport=web%73ocket", "transport" },
        { "?name=a+b%20c&name=%E2%9C%93", "name" },
        { "?transport=websocket", "EIO" },
        { "", "sid" },
        { "?&&=x&sid=1&", "sid" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void A_parameter_reads_as_ASP_NET_Cores_query_collection_reads_it(string query, string name)
    {
        // What the request's own parsed collection holds for the same query string.
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query.Length == 0 || query[0] == '?' ? query : "?" + query);
        var expected = context.Request.Query;

        var found = QueryParameters.TryGet(query, name, out var value);

        Assert.Equal(expected.ContainsKey(name), found);
        Assert.Equal(expected.TryGetValue(name, out var values) ? values.ToString() : string.Empty, value.ToString());
        Assert.Equal(!string.IsNullOrEmpty(expected[name]), QueryParameters.HasValue(query, name));
    }

    [Fact]
    public void The_snapshot_parses_its_query_when_first_read_and_an_explicit_collection_wins()
    {
        var lazy = new EngineIoRequest { Headers = new HeaderDictionary(), Url = "/", QueryString = "?EIO=4&token=a%2Bb" };
        var given = new EngineIoRequest { Headers = new HeaderDictionary(), Url = "/", QueryString = "?token=x", Query = QueryCollection.Empty };
        var none = new EngineIoRequest { Headers = new HeaderDictionary(), Url = "/" };

        Assert.Equal("a+b", lazy.Query["TOKEN"]);
        Assert.Same(lazy.Query, lazy.Query);
        Assert.Empty(given.Query);
        Assert.Empty(none.Query);
    }
}
