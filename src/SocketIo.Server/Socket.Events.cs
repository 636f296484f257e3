using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Server.Diagnostics;
using SocketIo.Server.Internal;
using SocketIo.Server.Internal.Binding;

namespace SocketIo.Server;

public sealed partial class Socket
{
    private EventHandlerTable _handlers = EventHandlerTable.Empty;
    private ImmutableArray<Func<string, SocketIoArguments, Task>> _anyListeners = [];
    private ImmutableArray<Func<SocketIoEvent, Func<Task>, Task>> _middleware = [];
    private ImmutableArray<Action<string>> _disconnectingListeners = [];
    private ImmutableArray<Action<string>> _disconnectListeners = [];
    private ImmutableArray<Action<Exception>> _errorListeners = [];
    /// <summary>Cancelled on disconnect; created only when someone asks for <see cref="Disconnected"/>.</summary>
    private CancellationTokenSource? _disconnected;

    /// <summary>The close reached the token's cancellation (on the client's lifecycle queue).</summary>
    private volatile bool _disconnectedDue;

    /// <summary>
    /// Gets a token cancelled when the socket disconnects (already cancelled once it has). Its callbacks run on the
    /// socket's client's lifecycle queue, between the <c>disconnecting</c> and the <c>disconnect</c> listeners.
    /// </summary>
    public CancellationToken Disconnected
    {
        get
        {
            var source = LazyInitializer.EnsureInitialized(ref _disconnected, static () => new CancellationTokenSource());
            if (_disconnectedDue)
            {
                // Created after the close cancelled tokens: nobody else will cancel it.
                source.Cancel();
            }

            return source.Token;
        }
    }

    /// <summary>
    /// Handles an event with any delegate, bound through reflection: prefer the typed overloads
    /// (<c>On&lt;T1, …&gt;(eventName, handler)</c>), which a lambda with typed parameters picks by itself and which need
    /// no reflection, so they work with Native AOT; this one serves method groups and other delegate types.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Each parameter is bound once, when the handler is added, by its type: <see cref="Socket"/> (this socket),
    /// <see cref="SocketIoAck"/> (the acknowledgement, to answer yourself), <see cref="SocketIoArguments"/> (every
    /// argument, raw), <see cref="CancellationToken"/> (cancelled when the socket disconnects, which the server's stop
    /// does to every socket), a type the dependency injection container provides (resolved for each event from a new
    /// scope, as minimal APIs decide with <c>IServiceProviderIsService</c>), and anything else is the next JSON argument,
    /// read with <see cref="SocketIoOptions.JsonSerializerOptions"/> (<c>byte[]</c> for binary, also inside records).
    /// </para>
    /// <para>
    /// The client must send exactly as many arguments as the handler has JSON parameters (more when it also takes
    /// <see cref="SocketIoArguments"/>; fewer when, through this overload, trailing parameters have default values):
    /// an event with missing, extra or wrongly typed arguments does not reach the handler and costs one log line, from
    /// the server's throttled log of client mistakes. When the client asked for an acknowledgement, the handler's return
    /// value (awaited if it is a task) is the answer, unless it takes a <see cref="SocketIoAck"/>. An exception the
    /// handler throws is logged and the connection goes on.
    /// </para>
    /// </remarks>
    /// <param name="eventName">The event name.</param>
    /// <param name="handler">Any delegate, e.g. a method group.</param>
    /// <returns>This socket.</returns>
    /// <exception cref="ArgumentException">A parameter is passed by reference, or cannot be bound.</exception>
    [RequiresDynamicCode(ReflectionBinding.DynamicCode)]
    [RequiresUnreferencedCode(ReflectionBinding.UnreferencedCode)]
    public Socket On(string eventName, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(eventName, handler, ReflectionHandlerBinding.Create(Binders, handler, once: false));
    }

    /// <summary>Like <see cref="On(string, Delegate)"/>, for the next occurrence of the event only.</summary>
    [RequiresDynamicCode(ReflectionBinding.DynamicCode)]
    [RequiresUnreferencedCode(ReflectionBinding.UnreferencedCode)]
    public Socket Once(string eventName, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(eventName, handler, ReflectionHandlerBinding.Create(Binders, handler, once: true));
    }

    /// <summary>Removes every handler of an event.</summary>
    public Socket Off(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ImmutableInterlocked.Update(ref _handlers, static (all, name) => all.Remove(name), eventName);
        return this;
    }

    /// <summary>
    /// Removes one handler of an event: the last one added that is <paramref name="handler"/> (the same method on the
    /// same target, so keep the delegate you passed to remove a lambda). Nothing happens when there is none.
    /// </summary>
    public Socket Off(string eventName, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (all, state) =>
        {
            var (name, handler) = state;
            if (!all.TryGetValue(name, out var list))
            {
                return all;
            }

            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].Wraps(handler))
                {
                    return all.SetItem(name, list.RemoveAt(i));
                }
            }

            return all;
        }, (eventName, handler));
        return this;
    }

    /// <summary>Runs <paramref name="listener"/> for every incoming event, before the event's own handlers.</summary>
    public Socket OnAny(Action<string, SocketIoArguments> listener) => OnAny(Wrap(listener));

    /// <summary>Runs <paramref name="listener"/> for every incoming event, before the event's own handlers.</summary>
    public Socket OnAny(Func<string, SocketIoArguments, Task> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _anyListeners, static (list, l) => list.Add(l), listener);
        return this;
    }

    /// <summary>Like <see cref="OnAny(Action{string, SocketIoArguments})"/>, but runs first.</summary>
    public Socket PrependAny(Action<string, SocketIoArguments> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _anyListeners, static (list, l) => list.Insert(0, l), Wrap(listener));
        return this;
    }

    /// <summary>Removes every catch-all listener.</summary>
    public Socket OffAny()
    {
        _anyListeners = [];
        return this;
    }

    /// <summary>
    /// Adds per-packet middleware, run for every incoming event before its handlers, in the order added. Throw to
    /// refuse the event: its handlers are skipped and the error listeners (<see cref="OnError"/>) receive the exception.
    /// </summary>
    /// <param name="middleware">Receives the event and the continuation; call <c>await next()</c> to go on.</param>
    public Socket Use(Func<SocketIoEvent, Func<Task>, Task> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        ImmutableInterlocked.Update(ref _middleware, static (list, m) => list.Add(m), middleware);
        return this;
    }

    /// <summary>Runs <paramref name="listener"/> with the reason just before the socket leaves its rooms.</summary>
    public Socket OnDisconnecting(Action<string> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _disconnectingListeners, static (list, l) => list.Add(l), listener);
        return this;
    }

    /// <summary>Runs <paramref name="listener"/> with the reason (one of <see cref="SocketIoDisconnectReasons"/>) once disconnected.</summary>
    public Socket OnDisconnect(Action<string> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _disconnectListeners, static (list, l) => list.Add(l), listener);
        return this;
    }

    /// <summary>Runs <paramref name="listener"/> when per-packet middleware refuses an event.</summary>
    public Socket OnError(Action<Exception> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _errorListeners, static (list, l) => list.Add(l), listener);
        return this;
    }

    /// <summary>Runs an incoming event through middleware, catch-all listeners and handlers. Never throws.</summary>
    internal async Task DispatchAsync(string eventName, SocketIoArguments args, long? ackId)
    {
        using var activity = ServerTelemetry.StartEvent(this, eventName);
        var ack = ackId is { } id ? new SocketIoAck(this, id) : SocketIoAck.NotRequested;
        try
        {
            var middleware = _middleware;
            if (!middleware.IsEmpty)
            {
                bool passed;
                try
                {
                    passed = await MiddlewareChain.RunAsync(middleware, new SocketIoEvent(this, eventName, args)).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Middleware refuses an event by throwing; the error listeners get the exception.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    RaiseError(e);
                    return;
                }

                if (!passed)
                {
                    return;
                }
            }

            foreach (var listener in _anyListeners)
            {
                await listener(eventName, args).ConfigureAwait(false);
            }

            if (!_handlers.TryGetValue(eventName, out var handlers))
            {
                if (_client.ClientLogs.Allow(LogLevel.Debug))
                {
                    Log.NoHandler(_client.Logger, Id, eventName);
                }

                return;
            }

            var context = new HandlerContext(this, args, ack, Namespace.Server);
            foreach (var handler in handlers)
            {
                if (handler.Once && !ClaimOnce(eventName, handler))
                {
                    continue;
                }

                await handler.InvokeAsync(context).ConfigureAwait(false);
            }
        }
        catch (ArgumentBindingException e)
        {
            ServerTelemetry.EventFailed(activity, e);
            // A client's mistake, not the server's: one line, no stack trace.
            if (_client.ClientLogs.Allow(LogLevel.Warning))
            {
                Log.ArgumentsDidNotBind(_client.Logger, Id, eventName, e.Message);
            }
        }
#pragma warning disable CA1031 // A user handler's failure must not break the connection; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ServerTelemetry.EventFailed(activity, e);
            if (_client.ClientLogs.Allow(LogLevel.Error))
            {
                Log.HandlerFailed(_client.Logger, Id, eventName, e);
            }
        }
    }

    /// <summary>The binders of this server, which the typed overloads bind their parameters with.</summary>
    private ParameterBinders Binders => Namespace.Server.Binders;

    private Socket AddHandler(string eventName, Delegate original, BoundHandler handler)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(original);
        ImmutableInterlocked.Update(ref _handlers, static (all, state) => all.Add(state.EventName, state.Handler), (EventName: eventName, Handler: handler));
        return this;
    }

    /// <summary>Takes the one run of a <c>Once</c> handler and removes it, so that no later event reaches it.</summary>
    private bool ClaimOnce(string eventName, BoundHandler handler)
    {
        if (!handler.TryClaim())
        {
            return false;
        }

        ImmutableInterlocked.Update(ref _handlers, static (all, state) =>
        {
            var (name, handler) = state;
            if (!all.TryGetValue(name, out var list))
            {
                return all;
            }

            return all.SetItem(name, list.Remove(handler));
        }, (eventName, handler));
        return true;
    }

    private void RaiseError(Exception error)
    {
        var listeners = _errorListeners;
        if (listeners.IsEmpty)
        {
            if (_client.ClientLogs.Allow(LogLevel.Warning))
            {
                Log.UnhandledMiddlewareError(_client.Logger, Id, error.Message);
            }

            return;
        }

        foreach (var listener in listeners)
        {
            InvokeSafely(listener, error);
        }
    }

    private void InvokeSafely<T>(Action<T> listener, T value)
    {
        try
        {
            listener(value);
        }
#pragma warning disable CA1031 // A failing listener must not stop the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (_client.ClientLogs.Allow(LogLevel.Error))
            {
                Log.ListenerFailed(_client.Logger, Id, e);
            }
        }
    }

    /// <summary>Cancels the disconnect token; on the client's lifecycle queue, since its callbacks are user code.</summary>
    private void CancelDisconnectedToken()
    {
        _disconnectedDue = true;
        try
        {
            System.Threading.Volatile.Read(ref _disconnected)?.Cancel();
        }
        catch (AggregateException e)
        {
            if (_client.ClientLogs.Allow(LogLevel.Error))
            {
                Log.ListenerFailed(_client.Logger, Id, e);
            }
        }
    }

    private static Func<string, SocketIoArguments, Task> Wrap(Action<string, SocketIoArguments> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return (name, args) =>
        {
            listener(name, args);
            return Task.CompletedTask;
        };
    }
}
