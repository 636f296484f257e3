// Micro-benchmarks of the hot paths. Run: dotnet run -c Release --project benchmarks/Micro -- --filter '*'
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
