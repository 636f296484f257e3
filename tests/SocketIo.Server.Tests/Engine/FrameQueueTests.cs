using SocketIo.Engine;
using SocketIo.Protocol.Engine;

namespace SocketIo.Server.Tests.Engine;

/// <summary>The session's outbound queue keeps send order whether a frame sits in the inline head or the overflow.</summary>
public sealed class FrameQueueTests
{
    [Fact]
    public void Frames_come_out_in_the_order_they_were_queued_across_interleaved_bursts()
    {
        var queue = new FrameQueue();
        var expected = new Queue<int>();
        var next = 0;

        // Bursts of 1, 3, 0, 5, 2 frames, each followed by taking two.
        foreach (var burst in new[] { 1, 3, 0, 5, 2 })
        {
            for (var i = 0; i < burst; i++)
            {
                queue.Enqueue(Frame(next));
                expected.Enqueue(next++);
            }

            for (var i = 0; i < 2 && expected.Count > 0; i++)
            {
                Assert.True(queue.TryDequeue(out var frame));
                Assert.Equal(expected.Dequeue(), frame.Payload.Span[0]);
            }

            Assert.Equal(expected.Count, queue.Count);
        }

        Assert.Equal(expected.ToArray(), queue.ToArray().Select(f => (int)f.Payload.Span[0]));
        while (expected.Count > 0)
        {
            Assert.Equal(expected.Dequeue(), queue.Dequeue().Payload.Span[0]);
        }

        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void Clear_empties_the_head_and_the_overflow_and_the_queue_works_on()
    {
        var queue = new FrameQueue();
        queue.Enqueue(Frame(1));
        queue.Enqueue(Frame(2));
        queue.Enqueue(Frame(3));

        queue.Clear();

        Assert.Equal(0, queue.Count);
        Assert.Empty(queue.ToArray());
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
        queue.Enqueue(Frame(4));
        queue.Enqueue(Frame(5));
        Assert.Equal([4, 5], queue.ToArray().Select(f => (int)f.Payload.Span[0]));
    }

    [Fact]
    public void A_frame_keeps_its_kind_and_compression_flag()
    {
        var queue = new FrameQueue();
        queue.Enqueue(EngineFrame.Binary(new byte[] { 7 }).WithoutCompression());

        var frame = queue.Dequeue();

        Assert.True(frame.IsBinary);
        Assert.True(frame.DisableCompression);
        Assert.Equal([7], frame.Payload.ToArray());
    }

    private static EngineFrame Frame(int marker) => EngineFrame.Text(new[] { (byte)marker });
}
