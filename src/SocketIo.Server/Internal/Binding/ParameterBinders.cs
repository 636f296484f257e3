using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// One server's choice of binder for each parameter type, made once per type and kept: a supplied value
/// (<see cref="Socket"/>, <see cref="SocketIoAck"/>, <see cref="SocketIoArguments"/>, <see cref="CancellationToken"/>),
/// a service the container knows (<see cref="IServiceProviderIsService"/>, as minimal APIs decide), or else the next
/// JSON argument, with the serializer's metadata for the type. It also keeps the <see cref="HandlerBinding"/> of each
/// typed handler shape, so that adding a handler to a socket looks up one binding instead of a binder per parameter.
/// </summary>
internal sealed class ParameterBinders(SocketIoSerializer serializer, IServiceProviderIsService? services)
{
    private readonly ConcurrentDictionary<Type, ParameterBinder> _binders = new();
    private readonly ConcurrentDictionary<Type, object> _results = new();

    /// <summary>Bindings by the static call of their handler shape (one per typed overload and type arguments).</summary>
    private readonly ConcurrentDictionary<object, HandlerBinding> _handlers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Gets the binder of <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">A JSON argument of this type cannot be read: the serializer has no metadata for it.</exception>
    public ParameterBinder<T> For<T>()
        => (ParameterBinder<T>)_binders.GetOrAdd(typeof(T), static (_, self) => self.Create<T>(), this);

    /// <summary>Gets how a result of type <typeparamref name="T"/> becomes the acknowledgement's argument.</summary>
    /// <exception cref="ArgumentException">The type is a task (an overload for asynchronous handlers applies), or the serializer has no metadata for it.</exception>
    public ResultWriter<T> ResultFor<T>()
        => (ResultWriter<T>)_results.GetOrAdd(typeof(T), static (_, self) => ResultWriter<T>.Create(self._serializer), this);

    /// <summary>
    /// Gets the binding that calls handlers through <paramref name="call"/>, made by <paramref name="create"/> the first
    /// time. The call is a static lambda, one instance per overload and type arguments, so it names the shape exactly.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter or the result cannot be bound; nothing is kept, so the next add throws too.</exception>
    public HandlerBinding BindingFor<TCall>(TCall call, Func<ParameterBinders, TCall, HandlerBinding> create)
        where TCall : Delegate
        => _handlers.GetOrAdd(call, static (key, state) => state.create(state.self, (TCall)key), (self: this, create));

    /// <summary>Gets the binder of a type known only at run time (handlers called through reflection).</summary>
    [RequiresDynamicCode("Makes the binder's generic type for a parameter type known only at run time.")]
    [RequiresUnreferencedCode("Finds the binder's generic method by reflection.")]
    public ParameterBinder For(Type type)
        => _binders.TryGetValue(type, out var binder)
            ? binder
            : (ParameterBinder)typeof(ParameterBinders).GetMethod(nameof(For), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(this, null)!;

    private readonly SocketIoSerializer _serializer = serializer;

    private ParameterBinder<T> Create<T>()
    {
        if (typeof(T) == typeof(Socket))
        {
            return (ParameterBinder<T>)(object)SuppliedBinders.Socket;
        }

        if (typeof(T) == typeof(SocketIoAck))
        {
            return (ParameterBinder<T>)(object)SuppliedBinders.Ack;
        }

        if (typeof(T) == typeof(SocketIoArguments))
        {
            return (ParameterBinder<T>)(object)SuppliedBinders.AllArguments;
        }

        if (typeof(T) == typeof(CancellationToken))
        {
            return (ParameterBinder<T>)(object)SuppliedBinders.Cancellation;
        }

        if (services?.IsService(typeof(T)) == true)
        {
            return SuppliedBinders.Service<T>();
        }

        try
        {
            return new JsonArgumentBinder<T>(_serializer.GetTypeInfo<T>());
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException(
                $"A handler parameter of type {TypeNames.Name(typeof(T))} cannot be read from JSON: the serializer has no metadata for it. "
                + "Add the type to a JsonSerializerContext and insert it in SocketIoOptions.JsonSerializerOptions.TypeInfoResolverChain, or register it as a service.",
                e);
        }
    }
}
