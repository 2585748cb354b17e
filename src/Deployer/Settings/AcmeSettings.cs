namespace Nap.Deployer.Settings;

/// <summary>
/// Where napd gets the apps' automatic certificates (napd.json's acme* keys): the CA's ACME directory, the
/// account's email unless an app names its own, and a CA bundle to trust besides the system's (a private ACME
/// server's, or the test server's).
/// </summary>
public sealed record AcmeSettings(string Directory, string? Email = null, string? CaBundle = null)
{
    public const string LetsEncrypt = "https://acme-v02.api.letsencrypt.org/directory";

    public const string LetsEncryptStaging = "https://acme-staging-v02.api.letsencrypt.org/directory";

    public static AcmeSettings Default { get; } = new(LetsEncrypt);

    /// <summary>The words napd.json takes for the two Let's Encrypt directories, besides any https URL.</summary>
    public static string? Named(string word) => word switch
    {
        "letsencrypt" => LetsEncrypt,
        "letsencrypt-staging" => LetsEncryptStaging,
        _ => null,
    };

    public AcmeSettings WithDirectory(string url) => this with { Directory = url };
    public AcmeSettings WithEmail(string? email) => this with { Email = email };
    public AcmeSettings WithCaBundle(string? path) => this with { CaBundle = path };
}
