namespace Nap.Deployer.Apps;

/// <summary>
/// `certs:auto`: the app's certificate comes from the host's ACME server and renews itself. app.json's `autoCerts`;
/// null when the app's certificate (if any) is its owner's own.
/// </summary>
/// <param name="Email">The account's contact, when the app names its own (`--email`); else napd.json's acmeEmail.</param>
/// <param name="Redirect">Port 80 answers its domains with a 301 to https, except the ACME challenge path.</param>
public sealed record AutoCerts(string? Email = null, bool Redirect = false)
{
    /// <summary>Why the last renewal failed (one line), while the older certificate keeps serving; null after a success.</summary>
    public string? Failure { get; init; }

    public DateTimeOffset? FailedAt { get; init; }

    public AutoCerts WithFailure(string reason, DateTimeOffset at) => this with { Failure = reason, FailedAt = at };

    public AutoCerts WithoutFailure() => this with { Failure = null, FailedAt = null };
}
