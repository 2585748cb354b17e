using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nap.Deployer.Nginx;

/// <summary>
/// The certificate an app's domains are served with on port 443. The fingerprint goes into the file,
/// so a new certificate at the same paths changes the file and nginx reloads.
/// </summary>
public sealed record NginxTls(string ChainPath, string KeyPath, string Fingerprint)
{
    /// <summary>The chain's first certificate with its key, or null when either file is missing (no certificate).</summary>
    public static NginxTls? FromFiles(string chainPath, string keyPath)
    {
        if (!File.Exists(chainPath) || !File.Exists(keyPath))
            return null;
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(chainPath));
        return new NginxTls(chainPath, keyPath, FingerprintOf(certificate));
    }

    /// <summary>SHA-256 in openssl's spelling (AB:CD:...), as `certs` shows it and the nginx file names it.</summary>
    public static string FingerprintOf(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
