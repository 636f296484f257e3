using System.Reflection;

namespace SocketIo.Server.Internal;

/// <summary>
/// Calls a user's event handler delegate: each parameter is bound from the next event argument with
/// System.Text.Json, except parameters of these types, which are supplied: <see cref="SocketIoAck"/> (the explicit
/// acknowledgement), <see cref="Socket"/> (the receiving socket), <see cref="SocketIoArguments"/> (all arguments)
/// and <see cref="CancellationToken"/> (cancelled when the socket disconnects). When the handler has no
/// <see cref="SocketIoAck"/> parameter and returns a value (directly or as a task), that value is the acknowledgement.
/// </summary>
internal sealed class EventHandlerInvoker
{
    private readonly Delegate _handler;
    private readonly ParameterKind[] _parameters;
    private readonly Type[] _parameterTypes;
    private readonly object?[] _defaults;
    private readonly ResultKind _result;
    private readonly PropertyInfo? _taskResult;
    private readonly MethodInfo? _valueTaskAsTask;

    public EventHandlerInvoker(Delegate handler)
    {
        _handler = handler;
        var parameters = handler.Method.GetParameters();
        _parameters = new ParameterKind[parameters.Length];
        _parameterTypes = new Type[parameters.Length];
        _defaults = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            _parameterTypes[i] = type;
            _parameters[i] = type == typeof(SocketIoAck) ? ParameterKind.Ack
                : type == typeof(Socket) ? ParameterKind.Socket
                : type == typeof(SocketIoArguments) ? ParameterKind.AllArguments
                : type == typeof(CancellationToken) ? ParameterKind.Cancellation
                : ParameterKind.Argument;
            _defaults[i] = parameters[i].HasDefaultValue ? parameters[i].DefaultValue
                : type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        HasExplicitAck = _parameters.Contains(ParameterKind.Ack);
        var returnType = handler.Method.ReturnType;
        if (returnType == typeof(void))
        {
            _result = ResultKind.None;
        }
        else if (returnType == typeof(Task))
        {
            _result = ResultKind.Task;
        }
        else if (returnType == typeof(ValueTask))
        {
            _result = ResultKind.ValueTask;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            _result = ResultKind.TaskOfValue;
            _taskResult = returnType.GetProperty(nameof(Task<int>.Result));
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            _result = ResultKind.ValueTaskOfValue;
            _valueTaskAsTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask));
            _taskResult = typeof(Task<>).MakeGenericType(returnType.GetGenericArguments()[0]).GetProperty(nameof(Task<int>.Result));
        }
        else
        {
            _result = ResultKind.Value;
        }
    }

    /// <summary>Gets a value indicating whether the handler takes a <see cref="SocketIoAck"/> itself.</summary>
    public bool HasExplicitAck { get; }

    /// <summary>Gets a value indicating whether the handler's result is the acknowledgement.</summary>
    public bool ReturnsAck => !HasExplicitAck && _result is ResultKind.Value or ResultKind.TaskOfValue or ResultKind.ValueTaskOfValue;

    /// <summary>
    /// Binds and calls the handler. Throws <see cref="System.Text.Json.JsonException"/> (or
    /// <see cref="NotSupportedException"/>) when an argument does not fit its parameter, and whatever the handler throws.
    /// </summary>
    /// <returns>Whether the handler produced an acknowledgement value, and the value.</returns>
    public async ValueTask<(bool HasValue, object? Value)> InvokeAsync(Socket socket, SocketIoArguments args, SocketIoAck ack, CancellationToken cancellation)
    {
        var values = new object?[_parameters.Length];
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _parameters[i] switch
            {
                ParameterKind.Ack => ack,
                ParameterKind.Socket => socket,
                ParameterKind.AllArguments => args,
                ParameterKind.Cancellation => cancellation,
                _ => next < args.Count ? args.Get(next++, _parameterTypes[i]) : Skip(ref next, _defaults[i]),
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

        switch (_result)
        {
            case ResultKind.Task:
                await ((Task)result!).ConfigureAwait(false);
                return (false, null);
            case ResultKind.ValueTask:
                await ((ValueTask)result!).ConfigureAwait(false);
                return (false, null);
            case ResultKind.TaskOfValue:
                await ((Task)result!).ConfigureAwait(false);
                return (true, _taskResult!.GetValue(result));
            case ResultKind.ValueTaskOfValue:
                var task = (Task)_valueTaskAsTask!.Invoke(result, null)!;
                await task.ConfigureAwait(false);
                return (true, _taskResult!.GetValue(task));
            case ResultKind.Value:
                return (true, result);
            default:
                return (false, null);
        }
    }

    private static object? Skip(ref int next, object? value)
    {
        next++;
        return value;
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
