using System.Buffers.Text;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SocketIo.Protocol;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// The two ids of every handshake (session and socket): one call to the system RNG per id against
/// <see cref="RandomIds.Create"/>, which draws its bytes from the RNG 64 ids at a time.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1822 // BenchmarkDotNet measures instance methods.
public class RandomIdBenchmarks
{
    [Benchmark(Baseline = true)]
    public string RngCallPerId()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    [Benchmark]
    public string Pooled() => RandomIds.Create();
}
#pragma warning restore CA1822
