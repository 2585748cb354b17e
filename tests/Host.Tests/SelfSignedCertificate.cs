using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nap.Host.Tests;

/// <summary>A certificate for one domain, made in the test with .NET's CertificateRequest, as the PEM bundle certs:add takes.</summary>
public sealed record SelfSignedCertificate(string CertPem, string KeyPem, string Sha256)
{
    public string Bundle => CertPem + KeyPem;

    /// <param name="days">How long from now it is valid.</param>
    public static SelfSignedCertificate For(string domain, int days = 30)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={domain}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(domain);
        request.CertificateExtensions.Add(names.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days));
        var sha256 = string.Join(':', cert.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        return new SelfSignedCertificate(cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", sha256);
    }
}
