namespace SocketIo.Server.Tests.Packaging;

/// <summary>Packing and building an app from the packages run on their own: two cores cannot also carry the timing tests.</summary>
[CollectionDefinition(nameof(PackagingTests), DisableParallelization = true)]
public sealed class PackagingTests;
