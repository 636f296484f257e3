using SocketIo.Server.Internal.Binding;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// An event's handler list, held as the handler itself while it has one: order kept through every size, removals by
/// position and by handler, and every change a new list that leaves the one it started from as it was.
/// </summary>
public sealed class HandlerListTests
{
    [Fact]
    public void Keeps_the_order_added_from_one_handler_to_many()
    {
        var handlers = Enumerable.Range(0, 5).Select(_ => Handler()).ToArray();
        var list = default(HandlerList);
        Assert.True(list.IsEmpty);

        for (var i = 0; i < handlers.Length; i++)
        {
            list = list.Add(handlers[i]);
            Assert.False(list.IsEmpty);
            Assert.Equal(handlers.Take(i + 1), list);
            Assert.Same(handlers[i], list[i]);
        }

        var walked = new List<BoundHandler>();
        foreach (var handler in list)
        {
            walked.Add(handler);
        }

        Assert.Equal(handlers, walked);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Add(handlers[0]).RemoveAt(0)[5]);
    }

    [Fact]
    public void Removes_by_position_and_by_handler_down_to_none()
    {
        var (a, b, c) = (Handler(), Handler(), Handler());
        var three = default(HandlerList).Add(a).Add(b).Add(c);

        Assert.Equal(new[] { a, c }, three.RemoveAt(1));
        Assert.Equal(new[] { b, c }, three.Remove(a));
        Assert.Equal(new[] { a, b }, three.Remove(c));
        Assert.Equal(new[] { b }, three.Remove(a).Remove(c));
        Assert.Equal(new[] { a }, default(HandlerList).Add(a).Add(b).RemoveAt(1));
        Assert.True(three.Remove(a).Remove(b).Remove(c).IsEmpty);
        Assert.Equal(new[] { a, b, c }, three.Remove(Handler()));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(HandlerList).RemoveAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(HandlerList).Add(a).RemoveAt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(HandlerList).Add(a).Add(b).RemoveAt(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => three.RemoveAt(-1));
    }

    [Fact]
    public void The_same_handler_twice_is_removed_once_from_the_front()
    {
        var (a, b) = (Handler(), Handler());
        var list = default(HandlerList).Add(a).Add(b).Add(a);

        Assert.Equal(new[] { b, a }, list.Remove(a));
        Assert.Equal(new[] { a, b, a }, list);
    }

    [Fact]
    public void A_collection_expression_keeps_its_items()
    {
        var (a, b) = (Handler(), Handler());
        HandlerList none = [];
        HandlerList one = [a];
        HandlerList two = [a, b];

        Assert.True(none.IsEmpty);
        Assert.Equal(new[] { a }, one);
        Assert.Equal(new[] { a, b }, two);
    }

    private static BoundHandler Handler()
    {
        Action original = () => { };
        return new BoundHandler(original, new HandlerBinding0(result: null, static (_, _) => ValueTask.FromResult<object?>(null)), once: false);
    }
}
