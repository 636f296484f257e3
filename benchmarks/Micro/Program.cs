// Micro-benchmarks of the hot paths. Run: dotnet run -c Release --project benchmarks/Micro -- --filter '*'
// The Admin UI's overhead, an interleaved A/B run instead: dotnet run -c Release --project benchmarks/Micro -- admin-ui-overhead
// What the Socket.IO layer allocates per connect, by type: dotnet run -c Release --project benchmarks/Micro -- connect-allocations
using BenchmarkDotNet.Running;
using SocketIo.Benchmarks.Micro;

if (args is ["admin-ui-overhead", ..])
{
    await AdminUIOverhead.RunAsync(args[1..]);
    return;
}

if (args is ["connect-allocations", ..])
{
    await ConnectAllocations.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
