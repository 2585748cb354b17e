using System.Security.Cryptography.X509Certificates;
using Nap.Deployer.Nginx;
using Nap.Protocol;

namespace Nap.Deployer.Certs;

/// <summary>
/// The apps' certificates on disk: /var/lib/nap/apps/APP/tls/chain.pem and key.pem. napd is root, so
/// they are root's; the key is 0600 in a 0700 directory, which nginx's master (root) still reads.
/// </summary>
public sealed class AppCerts(NapPaths paths)
{
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string ChainPath(string app) => Path.Combine(paths.Tls(app), "chain.pem");

    public string KeyPath(string app) => Path.Combine(paths.Tls(app), "key.pem");

    /// <summary>The stored certificate (the first of the chain), or null when the app has none.</summary>
    public CertInfo? Read(string app)
    {
        if (!File.Exists(ChainPath(app)) || !File.Exists(KeyPath(app)))
            return null;
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(ChainPath(app)));
        return CertInfo.Of(cert);
    }

    /// <summary>What nginx needs to serve the app's domains over https, or null when it has no certificate.</summary>
    public NginxTls? TlsOf(string app) => Read(app) is { } info ? new NginxTls(ChainPath(app), KeyPath(app), info.Fingerprint) : null;

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
        Directory.CreateDirectory(paths.Tls(app), Private | UnixFileMode.UserExecute);
        // The key first: a chain.pem without its key is never taken for a certificate (see Read).
        Replace(KeyPath(app), stored.KeyPem, Private);
        Replace(ChainPath(app), stored.ChainPem, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    // A temp file created with its final mode, then renamed: the key is never readable by others, not even briefly.
    static void Replace(string path, string content, UnixFileMode mode)
    {
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>An app's certificate files as text; <see cref="None"/> when it has none.</summary>
public sealed record StoredCert(string? ChainPem, string? KeyPem)
{
    public static StoredCert None { get; } = new(null, null);
}
