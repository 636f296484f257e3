using System.Runtime.CompilerServices;

// The wire model (Wire/, Cluster/) is internal: the Redis adapters build on it, and their tests read it. Declared here
// rather than in the project file, which another change reshapes at the same time; either place works.
[assembly: InternalsVisibleTo("SocketIo.Redis")]
[assembly: InternalsVisibleTo("SocketIo.Redis.Tests")]
