using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;

namespace Nap.Deployer.Certs;

/// <summary>
/// A certificate chain and its private key, as `certs:add` takes them (one PEM bundle, like Dokku's),
/// checked before anything is stored: exactly one readable, unencrypted key, a certificate it belongs
/// to, valid now. The certificate the key belongs to comes first in <see cref="ChainPem"/>, as nginx wants.
/// </summary>
public sealed record CertBundle(X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Chain, string KeyPem)
{
    const string Send = "send the certificate chain and its private key as one PEM file: cat cert.pem key.pem | ssh nap@HOST certs:add APP";

    static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    public string ChainPem => string.Concat(Chain.Select(c => c.ExportCertificatePem() + "\n"));

    public CertInfo Info => CertInfo.Of(Leaf);

    /// <exception cref="CertBundleException">The one-line reason the bundle cannot serve.</exception>
    public static CertBundle Parse(string text, DateTimeOffset now)
    {
        // RFC 1421 keys carry headers PemEncoding does not read: only this tells them apart from garbage.
        if (text.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal) || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
            throw new CertBundleException("the private key is encrypted: decrypt it first (openssl pkey -in key.pem -out plain.pem) and send the bundle again");

        var (certs, keys) = ReadPem(text);
        if (certs.Count == 0)
            throw new CertBundleException($"the input holds no PEM certificate (-----BEGIN CERTIFICATE-----): {Send}");
        if (keys.Count == 0)
            throw new CertBundleException($"the bundle holds no private key (-----BEGIN PRIVATE KEY-----): {Send}");
        if (keys.Count > 1)
            throw new CertBundleException($"the bundle holds {keys.Count} private keys: send only the one that belongs to the certificate");
        var key = keys[0];
        CheckReadable(key);

        var leaf = certs.FirstOrDefault(c => Belongs(c, key))
            ?? throw new CertBundleException($"the private key does not belong to the certificate for {Subject(certs[0])}: send the key the certificate was issued for");
        if (leaf.NotAfter.ToUniversalTime() < now.UtcDateTime)
            throw new CertBundleException($"the certificate for {Subject(leaf)} expired on {Day(leaf.NotAfter)}: renew it and send the new one");
        if (leaf.NotBefore.ToUniversalTime() > now.UtcDateTime)
            throw new CertBundleException($"the certificate for {Subject(leaf)} is valid only from {Day(leaf.NotBefore)}: send it from then on");
        return new CertBundle(leaf, [leaf, .. certs.Where(c => c != leaf)], key);
    }

    static (List<X509Certificate2> Certs, List<string> Keys) ReadPem(string text)
    {
        var certs = new List<X509Certificate2>();
        var keys = new List<string>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (label == "CERTIFICATE")
                certs.Add(LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString()), certs.Count + 1));
            else if (KeyLabels.Contains(label))
                keys.Add(rest[fields.Location].ToString() + "\n");
            rest = rest[fields.Location.End..];
        }
        return (certs, keys);
    }

    static X509Certificate2 LoadCertificate(byte[] der, int number)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException e)
        {
            throw new CertBundleException($"certificate {number} in the bundle cannot be read ({e.Message.TrimEnd('.')}): {Send}");
        }
    }

    static void CheckReadable(string keyPem)
    {
        foreach (var algorithm in new Func<AsymmetricAlgorithm>[] { RSA.Create, ECDsa.Create })
        {
            using var key = algorithm();
            try
            {
                key.ImportFromPem(keyPem);
                return;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // Not this algorithm's key: try the next.
            }
        }
        throw new CertBundleException("the private key cannot be read: send an unencrypted RSA or EC key in PEM");
    }

    static bool Belongs(X509Certificate2 cert, string keyPem)
    {
        try
        {
            using var withKey = X509Certificate2.CreateFromPem(cert.ExportCertificatePem(), keyPem);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    static string Subject(X509Certificate2 cert) => cert.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } name ? name : cert.Subject;

    static string Day(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
