using System.Diagnostics;

namespace SocketIo.Server.Diagnostics;

/// <summary>A namespace connect being measured: its span (when traced) and its start (0 when not measured).</summary>
internal readonly record struct ConnectTelemetry(Namespace Namespace, Activity? Activity, long Started);
