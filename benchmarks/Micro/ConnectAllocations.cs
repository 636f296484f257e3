using System.Globalization;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// What <see cref="SocketConnectBenchmarks.ConnectAndClose"/> allocates, by type: the runtime's allocation ticks (one
/// per ~100 KB, naming the type that crossed the mark) over many connects, scaled to one. Types below ~1% of the total
/// are noise. Arguments: [connects (200000)] [types shown (30)].
/// </summary>
internal static class ConnectAllocations
{
    public static async Task RunAsync(string[] args)
    {
        var connects = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var top = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var benchmark = new SocketConnectBenchmarks();
        benchmark.Setup();
        for (var i = 0; i < 1_000; i++)
        {
            await benchmark.ConnectAndClose();
        }

        using var sampler = new AllocationSampler();
        var before = sampler.Snapshot();
        for (var i = 0; i < connects; i++)
        {
            await benchmark.ConnectAndClose();
        }

        var after = sampler.Snapshot();
        Console.WriteLine($"{(after.Total - before.Total) / (double)connects:N0} bytes allocated per connect ({connects:N0} connects, all threads)");
        foreach (var (type, bytes) in after.Types.Select(t => (t.Key, t.Value - before.Types.GetValueOrDefault(t.Key))).OrderByDescending(t => t.Item2).Take(top))
        {
            Console.WriteLine($"{bytes / (double)connects,8:N0}  {type}");
        }
    }
}
