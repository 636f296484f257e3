// Micro-benchmarks of the hot paths. Run: dotnet run -c Release --project benchmarks/Micro -- --filter '*'
// The Admin UI's overhead, an interleaved A/B run instead: dotnet run -c Release --project benchmarks/Micro -- admin-ui-overhead
// What the Socket.IO layer allocates per connect, by type: dotnet run -c Release --project benchmarks/Micro -- connect-allocations
// and per echo round trip: … -- echo-allocations
using BenchmarkDotNet.Running;
using SocketIo.Benchmarks.Micro;

if (args is ["admin-ui-overhead", ..])
{
    await AdminUIOverhead.RunAsync(args[1..]);
    return;
}

if (args is ["connect-allocations", ..])
{
    await OperationAllocations.ConnectsAsync(args[1..]);
    return;
}

if (args is ["echo-allocations", ..])
{
    await OperationAllocations.EchoesAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
