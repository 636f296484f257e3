using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// The binding of a handler given as any <see cref="Delegate"/> (a method group, a lambda whose type the typed overloads
/// do not cover): its parameters come from the delegate type's <c>Invoke</c> signature, so a method group over an
/// extension method, whose first argument the delegate already holds, binds what the caller sees. Made when the handler
/// is added, for that handler alone (default values are its method's), and called with
/// <see cref="Delegate.DynamicInvoke"/>, its task result read by reflection: not for Native AOT.
/// </summary>
internal sealed class ReflectionHandlerBinding : HandlerBinding
{
    private readonly ParameterBinder[] _parameters;
    private readonly object?[] _defaults;
    private readonly bool[] _hasDefault;
    private readonly ResultKind _result;
    private readonly PropertyInfo? _taskResult;
    private readonly MethodInfo? _valueTaskAsTask;

    private ReflectionHandlerBinding(ParameterBinder[] parameters, ParameterInfo[] signature, (ResultKind, PropertyInfo?, MethodInfo?) result)
        : base(parameters)
    {
        _parameters = parameters;
        _defaults = new object?[parameters.Length];
        _hasDefault = new bool[parameters.Length];
        var position = 0;
        var required = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Source != ParameterSource.Argument)
            {
                continue;
            }

            position++;
            if (signature[i].HasDefaultValue)
            {
                _hasDefault[i] = true;
                _defaults[i] = signature[i].DefaultValue;
            }

            else
            {
                required = position;
            }
        }

        MinArgumentsFromSignature = required;
        (_result, _taskResult, _valueTaskAsTask) = result;
    }

    protected override int MinArguments => MinArgumentsFromSignature;

    private int MinArgumentsFromSignature { get; }

    /// <exception cref="ArgumentException">A parameter is passed by reference, or cannot be bound.</exception>
    [RequiresDynamicCode("Binds parameters whose types are known only at run time and calls the delegate dynamically.")]
    [RequiresUnreferencedCode("Reads the delegate's signature and its task's result by reflection.")]
    public static BoundHandler Create(ParameterBinders binders, Delegate handler, bool once)
    {
        var invoke = handler.GetType().GetMethod("Invoke")!;
        var signature = invoke.GetParameters();
        var method = handler.Method.GetParameters();
        var parameters = new ParameterBinder[signature.Length];
        for (var i = 0; i < signature.Length; i++)
        {
            var type = signature[i].ParameterType;
            if (type.IsByRef || type.IsPointer || type.IsByRefLike)
            {
                throw new ArgumentException($"The handler's parameter '{signature[i].Name}' ({TypeNames.Name(type)}) cannot be bound: pass values, not references.", nameof(handler));
            }

            parameters[i] = binders.For(type);
        }

        // Default values are the method's (a delegate type such as Func<…> has none); a method closed over its first
        // argument, as an extension method group is, has one parameter more than the delegate, first.
        var declared = method.Length >= signature.Length ? method[(method.Length - signature.Length)..] : signature;
        return new BoundHandler(handler, new ReflectionHandlerBinding(parameters, declared, ResultOf(invoke.ReturnType)), once);
    }

    public override async ValueTask<object?> InvokeAsync(Delegate handler, HandlerContext context)
    {
        var values = new object?[_parameters.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _parameters[i].Source == ParameterSource.Argument && context.NextArgument >= context.Arguments.Count && _hasDefault[i]
                ? _defaults[i]
                : _parameters[i].BindBoxed(context);
        }

        object? result;
        try
        {
            result = handler.DynamicInvoke(values);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        switch (_result)
        {
            case ResultKind.None:
                return HandlerResult.None;
            case ResultKind.Task:
                await ((Task)result!).ConfigureAwait(false);
                return HandlerResult.None;
            case ResultKind.ValueTask:
                await ((ValueTask)result!).ConfigureAwait(false);
                return HandlerResult.None;
            case ResultKind.TaskOfValue:
                await ((Task)result!).ConfigureAwait(false);
                return _taskResult!.GetValue(result);
            case ResultKind.ValueTaskOfValue:
                var task = (Task)_valueTaskAsTask!.Invoke(result, null)!;
                await task.ConfigureAwait(false);
                return _taskResult!.GetValue(task);
            default:
                return result;
        }
    }

    [RequiresDynamicCode("Makes Task<T> for the handler's ValueTask<T>.")]
    [RequiresUnreferencedCode("Reads the task's Result property by reflection.")]
    private static (ResultKind, PropertyInfo?, MethodInfo?) ResultOf(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return (ResultKind.None, null, null);
        }

        if (returnType == typeof(Task))
        {
            return (ResultKind.Task, null, null);
        }

        if (returnType == typeof(ValueTask))
        {
            return (ResultKind.ValueTask, null, null);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (ResultKind.TaskOfValue, returnType.GetProperty(nameof(Task<int>.Result)), null);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var task = typeof(Task<>).MakeGenericType(returnType.GetGenericArguments()[0]);
            return (ResultKind.ValueTaskOfValue, task.GetProperty(nameof(Task<int>.Result)), returnType.GetMethod(nameof(ValueTask<int>.AsTask)));
        }

        return (ResultKind.Value, null, null);
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
