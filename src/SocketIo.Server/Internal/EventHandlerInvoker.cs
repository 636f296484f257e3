using System.Reflection;
using System.Runtime.CompilerServices;

namespace SocketIo.Server.Internal;

/// <summary>
/// Calls a user's event handler delegate: each parameter is bound from the next event argument with
/// System.Text.Json, except parameters of these types, which are supplied: <see cref="SocketIoAck"/> (the explicit
/// acknowledgement), <see cref="Socket"/> (the receiving socket), <see cref="SocketIoArguments"/> (all arguments)
/// and <see cref="CancellationToken"/> (cancelled when the socket disconnects; for a server-side listener, which has
/// no socket, when the server stops). When the handler has no
/// <see cref="SocketIoAck"/> parameter and returns a value (directly or as a task), that value is the acknowledgement.
/// </summary>
internal sealed class EventHandlerInvoker
{
    /// <summary>
    /// What the handler's signature says, computed once per method and shared by every socket's invoker of it: a
    /// handler registered in a connection callback is a new delegate per connection over the same method.
    /// </summary>
    private static readonly ConditionalWeakTable<MethodInfo, Shape> Shapes = new();

    /// <summary>The user's delegate (its target differs per connection).</summary>
    private readonly Delegate _handler;

    /// <summary>The parameters and result kind of <see cref="_handler"/>'s method, shared.</summary>
    private readonly Shape _shape;

    public EventHandlerInvoker(Delegate handler)
    {
        _handler = handler;
        _shape = Shapes.GetValue(handler.Method, static method => new Shape(method));
    }

    /// <summary>Gets a value indicating whether the handler takes a <see cref="SocketIoAck"/> itself.</summary>
    public bool HasExplicitAck => _shape.HasExplicitAck;

    /// <summary>Gets a value indicating whether the handler takes the receiving <see cref="Socket"/>.</summary>
    public bool TakesSocket => _shape.Parameters.Contains(ParameterKind.Socket);

    /// <summary>Gets a value indicating whether the handler's result is the acknowledgement.</summary>
    public bool ReturnsAck => !HasExplicitAck && _shape.Result is ResultKind.Value or ResultKind.TaskOfValue or ResultKind.ValueTaskOfValue;

    /// <summary>
    /// Binds and calls the handler. Throws <see cref="ArgumentBindingException"/> when an argument does not fit its
    /// parameter, and whatever the handler throws.
    /// </summary>
    /// <param name="socket">The receiving socket; <see langword="null"/> for a server-side listener.</param>
    /// <param name="args">The event's arguments.</param>
    /// <param name="ack">The acknowledgement.</param>
    /// <param name="cancellation">The token for <see cref="CancellationToken"/> parameters when there is no socket.</param>
    /// <returns>Whether the handler produced an acknowledgement value, and the value.</returns>
    public async ValueTask<(bool HasValue, object? Value)> InvokeAsync(Socket? socket, SocketIoArguments args, SocketIoAck ack, CancellationToken cancellation = default)
    {
        var values = new object?[_shape.Parameters.Length];
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _shape.Parameters[i] switch
            {
                ParameterKind.Ack => ack,
                ParameterKind.Socket => socket,
                ParameterKind.AllArguments => args,
                ParameterKind.Cancellation => socket?.Disconnected ?? cancellation, // only now: the token's source is created on demand
                _ => next < args.Count ? Bind(args, next++, _shape.ParameterTypes[i]) : Skip(ref next, _shape.Defaults[i]),
            };
        }

        object? result;
        try
        {
            result = _handler.Method.Invoke(_handler.Target, values);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        switch (_shape.Result)
        {
            case ResultKind.Task:
                await ((Task)result!).ConfigureAwait(false);
                return (false, null);
            case ResultKind.ValueTask:
                await ((ValueTask)result!).ConfigureAwait(false);
                return (false, null);
            case ResultKind.TaskOfValue:
                await ((Task)result!).ConfigureAwait(false);
                return (true, _shape.TaskResult!.GetValue(result));
            case ResultKind.ValueTaskOfValue:
                var task = (Task)_shape.ValueTaskAsTask!.Invoke(result, null)!;
                await task.ConfigureAwait(false);
                return (true, _shape.TaskResult!.GetValue(task));
            case ResultKind.Value:
                return (true, result);
            default:
                return (false, null);
        }
    }

    /// <summary>Binds one argument; what does not fit becomes an <see cref="ArgumentBindingException"/> saying which and why.</summary>
    private static object? Bind(SocketIoArguments args, int index, Type type)
    {
        try
        {
            return args.Get(index, type);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ArgumentBindingException($"argument {index + 1} is not a {type.Name} ({e.Message})", e);
        }
    }

    private static object? Skip(ref int next, object? value)
    {
        next++;
        return value;
    }

    /// <summary>A handler method's parameter kinds, types and defaults, and how its result becomes the ack.</summary>
    private sealed class Shape
    {
        public Shape(MethodInfo method)
        {
            var parameters = method.GetParameters();
            Parameters = new ParameterKind[parameters.Length];
            ParameterTypes = new Type[parameters.Length];
            Defaults = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var type = parameters[i].ParameterType;
                ParameterTypes[i] = type;
                Parameters[i] = type == typeof(SocketIoAck) ? ParameterKind.Ack
                    : type == typeof(Socket) ? ParameterKind.Socket
                    : type == typeof(SocketIoArguments) ? ParameterKind.AllArguments
                    : type == typeof(CancellationToken) ? ParameterKind.Cancellation
                    : ParameterKind.Argument;
                Defaults[i] = parameters[i].HasDefaultValue ? parameters[i].DefaultValue
                    : type.IsValueType ? Activator.CreateInstance(type) : null;
            }

            HasExplicitAck = Parameters.Contains(ParameterKind.Ack);
            var returnType = method.ReturnType;
            if (returnType == typeof(void))
            {
                Result = ResultKind.None;
            }
            else if (returnType == typeof(Task))
            {
                Result = ResultKind.Task;
            }
            else if (returnType == typeof(ValueTask))
            {
                Result = ResultKind.ValueTask;
            }
            else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
            {
                Result = ResultKind.TaskOfValue;
                TaskResult = returnType.GetProperty(nameof(Task<int>.Result));
            }
            else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            {
                Result = ResultKind.ValueTaskOfValue;
                ValueTaskAsTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask));
                TaskResult = typeof(Task<>).MakeGenericType(returnType.GetGenericArguments()[0]).GetProperty(nameof(Task<int>.Result));
            }
            else
            {
                Result = ResultKind.Value;
            }
        }

        public ParameterKind[] Parameters { get; }

        public Type[] ParameterTypes { get; }

        public object?[] Defaults { get; }

        public ResultKind Result { get; }

        public PropertyInfo? TaskResult { get; }

        public MethodInfo? ValueTaskAsTask { get; }

        public bool HasExplicitAck { get; }
    }

    private enum ParameterKind
    {
        Argument,
        Ack,
        Socket,
        AllArguments,
        Cancellation,
    }

    private enum ResultKind
    {
        None,
        Task,
        ValueTask,
        TaskOfValue,
        ValueTaskOfValue,
        Value,
    }
}
