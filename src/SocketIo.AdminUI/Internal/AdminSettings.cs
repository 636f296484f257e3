namespace SocketIo.AdminUI.Internal;

/// <summary>The options with their host-dependent defaults resolved.</summary>
/// <param name="Options">The options as configured.</param>
/// <param name="Mode">The mode in force.</param>
/// <param name="ServerId">This server's name in the UI.</param>
internal sealed record AdminSettings(AdminUIOptions Options, AdminUIMode Mode, string ServerId)
{
    public bool IsDevelopment => Mode == AdminUIMode.Development;
}
