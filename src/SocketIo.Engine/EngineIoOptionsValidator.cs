namespace SocketIo.Engine;

/// <summary>Checks <see cref="EngineIoOptions"/> (and options derived from it), with messages that say what to change.</summary>
internal static class EngineIoOptionsValidator
{
    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, if there is any.</summary>
    public static void Validate(EngineIoOptions options)
    {
        var failures = options.GetValidationErrors().ToList();
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
    }

    /// <summary>Adds a failure when <paramref name="value"/> is not a positive duration a timer can wait.</summary>
    public static void RequirePositive(List<string> failures, string typeName, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{typeName}.{name} must be positive (was {value}).");
        }
    }
}
