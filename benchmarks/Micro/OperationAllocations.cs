using System.Globalization;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// What one operation of a micro-benchmark allocates, by type: the runtime's allocation ticks (one per ~100 KB, naming
/// the type that crossed the mark) over many operations, scaled to one. Types below ~1% of the total are noise.
/// <c>connect-allocations</c> runs <see cref="SocketConnectBenchmarks.ConnectAndClose"/>, <c>echo-allocations</c>
/// <see cref="EchoBenchmarks.EchoWithAck"/>. Arguments: [operations (200000)] [types shown (30)].
/// </summary>
internal static class OperationAllocations
{
    public static Task ConnectsAsync(string[] args)
    {
        var benchmark = new SocketConnectBenchmarks();
        benchmark.Setup();
        return RunAsync("connect", benchmark.ConnectAndClose, args);
    }

    public static Task EchoesAsync(string[] args)
    {
        var benchmark = new EchoBenchmarks();
        benchmark.Setup();
        return RunAsync("echo round trip", benchmark.EchoWithAck, args);
    }

    private static async Task RunAsync(string operation, Func<Task> run, string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var top = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        for (var i = 0; i < 1_000; i++)
        {
            await run();
        }

        using var sampler = new AllocationSampler();
        var before = sampler.Snapshot();
        for (var i = 0; i < count; i++)
        {
            await run();
        }

        var after = sampler.Snapshot();
        Console.WriteLine($"{(after.Total - before.Total) / (double)count:N0} bytes allocated per {operation} ({count:N0} operations, all threads)");
        foreach (var (type, bytes) in after.Types.Select(t => (t.Key, t.Value - before.Types.GetValueOrDefault(t.Key))).OrderByDescending(t => t.Item2).Take(top))
        {
            Console.WriteLine($"{bytes / (double)count,8:N0}  {type}");
        }
    }
}
