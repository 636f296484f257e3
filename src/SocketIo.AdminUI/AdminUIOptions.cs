using System.Text.RegularExpressions;

namespace SocketIo.AdminUI;

/// <summary>
/// Options of the Admin UI's server side (the options of Node's <c>instrument()</c>). Authentication is required: set
/// <see cref="Username"/> and <see cref="PasswordHash"/>, or turn it off explicitly with <see cref="AllowAnonymous"/>.
/// Validated when the host starts.
/// </summary>
public sealed partial class AdminUIOptions
{
    /// <summary>Gets or sets the namespace the UI connects to. The default is <c>/admin</c>, the UI's own default.</summary>
    public string NamespaceName { get; set; } = "/admin";

    /// <summary>Gets or sets the user name the UI must send. No default: required unless <see cref="AllowAnonymous"/>.</summary>
    public string? Username { get; set; }

    /// <summary>
    /// Gets or sets the bcrypt hash of the password the UI must send (<c>$2a$</c>, <c>$2b$</c> or <c>$2y$</c>, as
    /// Node's bcryptjs, Python's bcrypt or <c>htpasswd -nbBC 10 "" PASSWORD</c> write it); never the password itself.
    /// No default: required unless <see cref="AllowAnonymous"/>.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether anyone who reaches the admin namespace is let in, without credentials
    /// (Node's <c>auth: false</c>). Only for development on a machine nobody else reaches. The default is
    /// <see langword="false"/>.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Gets or sets what the UI is told (see <see cref="AdminUIMode"/>). The default, <see langword="null"/>, is
    /// <see cref="AdminUIMode.Development"/> when the host environment is Development and
    /// <see cref="AdminUIMode.Production"/> otherwise, as Node's default follows <c>NODE_ENV</c>.
    /// </summary>
    public AdminUIMode? Mode { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the UI may only look: its join, leave, disconnect and emit commands
    /// are ignored, and it shows no buttons for them. The default is <see langword="false"/>.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// Gets or sets the name this server has in the UI's server list; every node of a cluster needs its own. The
    /// default, <see langword="null"/>, is the machine name and the process id (<c>host#1234</c>).
    /// </summary>
    public string? ServerId { get; set; }

    /// <summary>
    /// Gets or sets how often the server stats are sent (the UI marks a server unhealthy after 10 seconds without).
    /// The default is 2 seconds, as Node's.
    /// </summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets how long a login is remembered: the UI reconnects with the session id it was given instead of the
    /// password until then. Sessions live in this server's memory, at most 10,000 of them. The default is one day.
    /// </summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Returns what is wrong with these options, one message per problem (empty when they are valid).</summary>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(NamespaceName) || !NamespaceName.StartsWith('/'))
        {
            failures.Add($"AdminUIOptions.NamespaceName must start with '/' (was '{NamespaceName}').");
        }

        if (AllowAnonymous)
        {
            if (Username is not null || PasswordHash is not null)
            {
                failures.Add("AdminUIOptions: set either AllowAnonymous or Username and PasswordHash, not both.");
            }
        }
        else if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(PasswordHash))
        {
            failures.Add("AdminUIOptions: set Username and PasswordHash (a bcrypt hash), or set AllowAnonymous = true to let anyone in (development only).");
        }
        else if (!BcryptHash().IsMatch(PasswordHash))
        {
            failures.Add("AdminUIOptions.PasswordHash must be a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31, 53 more characters), not a password.");
        }

        if (StatsInterval < TimeSpan.FromMilliseconds(100) || StatsInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"AdminUIOptions.StatsInterval must be between 100 milliseconds and 10 minutes (was {StatsInterval}).");
        }

        if (SessionDuration <= TimeSpan.Zero)
        {
            failures.Add($"AdminUIOptions.SessionDuration must be positive (was {SessionDuration}).");
        }

        if (ServerId is { Length: 0 })
        {
            failures.Add("AdminUIOptions.ServerId must not be empty (leave it null for the default).");
        }

        return failures;
    }

    [GeneratedRegex(@"^\$2[abxy]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$", RegexOptions.CultureInvariant)]
    private static partial Regex BcryptHash();
}
