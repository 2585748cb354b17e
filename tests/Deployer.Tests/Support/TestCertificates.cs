using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Nap.Deployer.Builds;

namespace Nap.Deployer.Tests.Support;

/// <summary>Certificates made on the spot with .NET's CertificateRequest, as PEM text.</summary>
public sealed record TestCertificate(X509Certificate2 Certificate, string CertPem, string KeyPem)
{
    public string Bundle => CertPem + KeyPem;

    public string Sha256 => string.Join(':', Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2")));

    public static TestCertificate SelfSigned(string domain, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool ec = false)
    {
        using var key = ec ? (AsymmetricAlgorithm)ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = Request(domain, key);
        using var cert = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));
        return new TestCertificate(X509CertificateLoader.LoadCertificate(cert.RawData), cert.ExportCertificatePem() + "\n", ExportKey(key));
    }

    /// <summary>A leaf for <paramref name="domain"/> signed by this (CA) certificate.</summary>
    public TestCertificate Issue(string domain)
    {
        using var key = RSA.Create(2048);
        var request = Request(domain, key);
        using var issuer = X509Certificate2.CreateFromPem(CertPem, KeyPem);
        using var cert = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        return new TestCertificate(X509CertificateLoader.LoadCertificate(cert.RawData), cert.ExportCertificatePem() + "\n", ExportKey(key));
    }

    public static TestCertificate Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new TestCertificate(X509CertificateLoader.LoadCertificate(cert.RawData), cert.ExportCertificatePem() + "\n", ExportKey(key));
    }

    static CertificateRequest Request(string domain, AsymmetricAlgorithm key)
    {
        var request = key is RSA rsa
            ? new CertificateRequest($"CN={domain}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={domain}", (ECDsa)key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(domain);
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    static string ExportKey(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem() + "\n";
}
