using SocketIo.Server.Internal.Binding;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// A socket's handler table: lookups by exact event name, handlers kept in the order added, an event gone with its last
/// handler, and every change a new table that leaves the one readers hold as it was.
/// </summary>
public sealed class EventHandlerTableTests
{
    [Fact]
    public void Finds_each_of_many_events_and_keeps_each_events_handlers_in_order()
    {
        var table = EventHandlerTable.Empty;
        var handlers = new Dictionary<string, List<BoundHandler>>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            var name = "event" + (i % 20);
            var handler = Handler();
            table = table.Add(name, handler);
            (handlers.TryGetValue(name, out var list) ? list : handlers[name] = []).Add(handler);
        }

        foreach (var (name, expected) in handlers)
        {
            Assert.True(table.TryGetValue(name, out var found));
            Assert.Equal(expected, found);
        }

        Assert.False(table.TryGetValue("Event0", out _));
        Assert.False(table.ContainsKey("event20"));
    }

    [Fact]
    public void An_event_goes_with_its_last_handler_and_the_others_stay()
    {
        var (a, b, c) = (Handler(), Handler(), Handler());
        var table = EventHandlerTable.Empty.Add("a", a).Add("b", b).Add("c", c);

        var withoutB = table.SetItem("b", []);
        Assert.False(withoutB.ContainsKey("b"));
        Assert.True(withoutB.TryGetValue("a", out var forA) && forA.Single() == a);
        Assert.True(withoutB.TryGetValue("c", out var forC) && forC.Single() == c);

        var empty = withoutB.Remove("a").Remove("c");
        Assert.False(empty.ContainsKey("a") || empty.ContainsKey("c"));
        Assert.Same(empty, empty.Remove("missing"));
    }

    [Fact]
    public void A_change_leaves_the_table_it_started_from_as_it_was()
    {
        var (first, second) = (Handler(), Handler());
        var before = EventHandlerTable.Empty.Add("e", first);

        var after = before.Add("e", second).Add("f", second);
        var removed = after.Remove("e");

        Assert.True(before.TryGetValue("e", out var old) && old.Single() == first);
        Assert.False(before.ContainsKey("f"));
        Assert.True(after.TryGetValue("e", out var both) && both.SequenceEqual([first, second]));
        Assert.False(removed.ContainsKey("e"));
        Assert.True(removed.ContainsKey("f"));
    }

    private static BoundHandler Handler()
    {
        Action original = () => { };
        return new BoundHandler(original, new HandlerBinding0(result: null, static (_, _) => ValueTask.FromResult<object?>(null)), once: false);
    }
}
