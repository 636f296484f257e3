using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Tests.Wire;

public sealed class AdapterIdsTests
{
    [Fact]
    public void ShortIds_AreSixCharactersOfTheUid2Alphabet()
    {
        var ids = Enumerable.Range(0, 2_000).Select(_ => AdapterIds.NewShortId()).ToArray();
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{6}$", id));
        Assert.True(ids.Distinct(StringComparer.Ordinal).Count() > 1_990);

        // Every one of the 64 characters turns up (2,000 × 6 draws): the modulo leaves no character out.
        Assert.Equal(64, ids.SelectMany(id => id).Distinct().Count());
    }

    [Fact]
    public void HexIds_AreSixteenLowerCaseHexDigits()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => AdapterIds.NewHexId()).ToArray();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{16}$", id));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NoNodeId_IsTheEmitters() =>
        Assert.DoesNotContain(AdapterIds.EmitterUid, Enumerable.Range(0, 100).Select(_ => AdapterIds.NewShortId()));
}
