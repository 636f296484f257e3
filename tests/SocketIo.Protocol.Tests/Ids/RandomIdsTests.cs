using System.Buffers.Text;
using System.Collections.Concurrent;
using SocketIo.Protocol;
using Xunit;

namespace SocketIo.Protocol.Tests.Ids;

public sealed class RandomIdsTests
{
    [Fact]
    public void An_id_is_twenty_base64url_characters_of_fifteen_bytes()
    {
        var id = RandomIds.Create();

        Assert.Equal(20, id.Length);
        Assert.Equal(15, Base64Url.DecodeFromChars(id).Length);
    }

    [Fact]
    public void Ids_stay_distinct_across_many_refills_of_every_threads_pool()
    {
        // 8 threads × 1,000 ids each draw their pools anew ~15 times; one repeat among 8,000 would mean a byte reused.
        var ids = new ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                ids.Add(RandomIds.Create());
            }
        });

        Assert.Equal(8_000, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Consecutive_ids_share_no_bytes()
    {
        // Overlapping slices of one pool would show as a run of equal bytes at some offset between neighbours. Runs of
        // at least 4 bytes are compared: shorter ones match by chance (one byte in 256).
        var previous = Base64Url.DecodeFromChars(RandomIds.Create());
        for (var i = 0; i < 200; i++)
        {
            var next = Base64Url.DecodeFromChars(RandomIds.Create());
            for (var shift = 1; shift <= 11; shift++)
            {
                Assert.False(previous.AsSpan(shift).SequenceEqual(next.AsSpan(0, 15 - shift)), $"id {i} overlaps its predecessor by {15 - shift} bytes");
            }

            Assert.False(previous.AsSpan().SequenceEqual(next));
            previous = next;
        }
    }

    [Fact]
    public void A_hex_id_has_two_lower_case_digits_per_byte()
    {
        var id = RandomIds.CreateHex(8);

        Assert.Matches("^[0-9a-f]{16}$", id);
    }
}
