namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// Turns what a handler returned into the value its acknowledgement sends: <see cref="None"/> for handlers that answer
/// nothing themselves, else the result wrapped by its <see cref="ResultWriter{T}"/>.
/// </summary>
internal static class HandlerResult
{
    /// <summary>The handler returned no answer.</summary>
    public static readonly object None = new();

    public static readonly ValueTask<object?> NoneTask = new(None);

    public static ValueTask<object?> Of<T>(T value, ResultWriter<T> writer) => new(writer.Wrap(value));

    public static ValueTask<object?> Of(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? NoneTask : AwaitAsync(task);

        static async ValueTask<object?> AwaitAsync(Task task)
        {
            await task.ConfigureAwait(false);
            return None;
        }
    }

    public static ValueTask<object?> Of(ValueTask task)
    {
        return task.IsCompletedSuccessfully ? NoneTask : AwaitAsync(task);

        static async ValueTask<object?> AwaitAsync(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return None;
        }
    }

    public static ValueTask<object?> Of<T>(Task<T> task, ResultWriter<T> writer)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? new(writer.Wrap(task.Result)) : AwaitAsync(task, writer);

        static async ValueTask<object?> AwaitAsync(Task<T> task, ResultWriter<T> writer) => writer.Wrap(await task.ConfigureAwait(false));
    }

    public static ValueTask<object?> Of<T>(ValueTask<T> task, ResultWriter<T> writer)
    {
        return task.IsCompletedSuccessfully ? new(writer.Wrap(task.Result)) : AwaitAsync(task, writer);

        static async ValueTask<object?> AwaitAsync(ValueTask<T> task, ResultWriter<T> writer) => writer.Wrap(await task.ConfigureAwait(false));
    }
}
