using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// A session's outbound frames in send order. The head is held inline: a connection's writer almost always takes a
/// frame before the next is queued, so an idle or lightly used connection keeps no queue object or array at all;
/// the overflow queue is created by the first burst and kept for the connection's later ones. A mutable struct:
/// keep it in a non-readonly field and never copy it.
/// </summary>
internal struct FrameQueue
{
    private EngineFrame _head;
    private bool _hasHead;
    private Queue<EngineFrame>? _rest;

    public readonly int Count => (_hasHead ? 1 : 0) + (_rest?.Count ?? 0);

    public void Enqueue(EngineFrame frame)
    {
        if (!_hasHead)
        {
            _head = frame;
            _hasHead = true;
            return;
        }

        (_rest ??= new Queue<EngineFrame>()).Enqueue(frame);
    }

    public bool TryDequeue(out EngineFrame frame)
    {
        if (!_hasHead)
        {
            frame = default;
            return false;
        }

        frame = _head;
        if (_rest is { Count: > 0 } rest)
        {
            _head = rest.Dequeue();
        }
        else
        {
            _head = default;
            _hasHead = false;
        }

        return true;
    }

    public EngineFrame Dequeue() =>
        TryDequeue(out var frame) ? frame : throw new InvalidOperationException("The frame queue is empty.");

    public EngineFrame[] ToArray()
    {
        var frames = new EngineFrame[Count];
        if (_hasHead)
        {
            frames[0] = _head;
            _rest?.CopyTo(frames, 1);
        }

        return frames;
    }

    public void Clear()
    {
        _head = default;
        _hasHead = false;
        _rest?.Clear();
    }
}
