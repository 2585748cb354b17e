using System.Security.Cryptography.X509Certificates;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Certs;

/// <summary>
/// The apps' certificates on disk: /var/lib/nap/apps/APP/tls/chain.pem and key.pem. napd is root, so
/// they are root's; the key is 0600 in a 0700 directory, which nginx's master (root) still reads.
/// </summary>
public sealed class AppCerts(NapPaths paths)
{
    public string ChainPath(string app) => paths.TlsChain(app);

    public string KeyPath(string app) => paths.TlsKey(app);

    /// <summary>The stored certificate (the first of the chain), or null when the app has none.</summary>
    public CertInfo? Read(string app)
    {
        if (!File.Exists(ChainPath(app)) || !File.Exists(KeyPath(app)))
            return null;
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(ChainPath(app)));
        return CertInfo.Of(cert);
    }

    /// <summary>Stores the bundle; the returned copy of what was there before puts it back with <see cref="Restore"/>.</summary>
    public StoredCert Save(string app, CertBundle bundle)
    {
        var before = Stored(app);
        Write(app, new StoredCert(bundle.ChainPem, bundle.KeyPem));
        return before;
    }

    public void Remove(string app) => Write(app, StoredCert.None);

    public void Restore(string app, StoredCert stored) => Write(app, stored);

    StoredCert Stored(string app) => File.Exists(ChainPath(app)) && File.Exists(KeyPath(app))
        ? new StoredCert(File.ReadAllText(ChainPath(app)), File.ReadAllText(KeyPath(app)))
        : StoredCert.None;

    void Write(string app, StoredCert stored)
    {
        if (stored.ChainPem is null || stored.KeyPem is null)
        {
            File.Delete(KeyPath(app));
            File.Delete(ChainPath(app));
            return;
        }
        Directory.CreateDirectory(paths.Tls(app), PrivateFile.OwnerOnly | UnixFileMode.UserExecute);
        // The key first: a chain.pem without its key is never taken for a certificate (see Read).
        PrivateFile.Write(KeyPath(app), stored.KeyPem);
        PrivateFile.Write(ChainPath(app), stored.ChainPem, PrivateFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}

/// <summary>An app's certificate files as text; <see cref="None"/> when it has none.</summary>
public sealed record StoredCert(string? ChainPem, string? KeyPem)
{
    public static StoredCert None { get; } = new(null, null);
}
