namespace Nap.Deployer.Acme;

/// <summary>How napd runs its ACME client (Debian's lego) for the host.</summary>
/// <param name="Directory">The CA's ACME directory URL.</param>
/// <param name="CaBundle">PEM certificates to trust for that URL's https besides the system's; null for the system's only.</param>
/// <param name="DataDir">lego's --path: its accounts, and the certificate of the run in progress (0700).</param>
/// <param name="Webroot">Where lego writes the HTTP-01 answers, under .well-known/acme-challenge/, for nginx to serve.</param>
public sealed record AcmeOptions(string Directory, string? CaBundle, string DataDir, string Webroot)
{
    public string Binary { get; init; } = "lego";

    /// <summary>A run that takes longer is stopped: the CA is stuck, and the app's lock is held meanwhile.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public AcmeOptions WithBinary(string binary) => this with { Binary = binary };
}
