using Microsoft.Extensions.Logging;
using SocketIo.Engine;

namespace SocketIo.Server;

/// <summary>
/// Seams for tools that observe the whole server (the Admin UI's instrumentation, for one): new namespaces, and the
/// Engine.IO sessions beneath every namespace.
/// </summary>
public sealed partial class SocketIoServer
{
    /// <summary>The handler new Engine.IO sessions go to, once decorated; <see langword="null"/> while none was added.</summary>
    private IEngineIoHandler? _decoratedEngineHandler;

    /// <summary>Guards <see cref="_decoratedEngineHandler"/> while a decorator is added.</summary>
    private readonly Lock _decoratorsLock = new();

    /// <summary>
    /// Raised once for every namespace the server creates, static ones and the children of dynamic ones, just after it
    /// is registered and before any socket can connect to it (Node's <c>new_namespace</c> event). The subscriber runs
    /// on the thread that created the namespace, which may be a connecting client's: keep it short. A subscriber that
    /// throws is logged; the namespace stands.
    /// </summary>
    public event Action<Namespace>? NamespaceCreated;

    /// <summary>
    /// Wraps the handler that every Engine.IO session opened from now on goes to, to observe sessions opening and
    /// closing, their messages and what is sent to them (for diagnostics). <paramref name="decorate"/> receives the
    /// current handler and returns one that must hand every call on to it; decorators added later wrap earlier ones.
    /// Sessions already open are not affected.
    /// </summary>
    /// <param name="decorate">Returns the wrapping handler.</param>
    public void DecorateEngineHandler(Func<IEngineIoHandler, IEngineIoHandler> decorate)
    {
        ArgumentNullException.ThrowIfNull(decorate);
        lock (_decoratorsLock)
        {
            var decorated = decorate(_decoratedEngineHandler ?? EngineHandler)
                ?? throw new InvalidOperationException("The engine handler decorator returned null.");
            System.Threading.Volatile.Write(ref _decoratedEngineHandler, decorated);
        }
    }

    /// <summary>The handler the endpoint calls: it looks up the decorated handler for each new session.</summary>
    internal IEngineIoHandler EndpointHandler => new DecoratedEntry(this);

    private void RaiseNamespaceCreated(Namespace created)
    {
        var subscribers = NamespaceCreated;
        if (subscribers is null)
        {
            return;
        }

        foreach (var subscriber in subscribers.GetInvocationList())
        {
            try
            {
                ((Action<Namespace>)subscriber)(created);
            }
#pragma warning disable CA1031 // A failing subscriber must not undo the namespace or stop the other subscribers.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ExtensibilityLog.NamespaceCreatedSubscriberFailed(Logger, created.Name, e);
            }
        }
    }

    /// <summary>Sends each new session to the current handler, decorated or not.</summary>
    private sealed class DecoratedEntry(SocketIoServer server) : IEngineIoHandler
    {
        public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection)
            => (System.Threading.Volatile.Read(ref server._decoratedEngineHandler) ?? server.EngineHandler).OnOpened(connection);
    }

    private static partial class ExtensibilityLog
    {
        [LoggerMessage(430, LogLevel.Error, "A NamespaceCreated subscriber threw for {Namespace}; the namespace was created.")]
        public static partial void NamespaceCreatedSubscriberFailed(ILogger logger, string @namespace, Exception exception);
    }
}
