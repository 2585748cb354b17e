using System.Security.Cryptography.X509Certificates;
using Nap.Deployer.Nginx;

namespace Nap.Deployer.Certs;

/// <summary>What `certs APP` shows of a certificate. The fingerprint is SHA-256 in openssl's spelling (AB:CD:...).</summary>
public sealed record CertInfo(string Subject, IReadOnlyList<string> Names, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Fingerprint)
{
    const string SubjectAltName = "2.5.29.17";

    public static CertInfo Of(X509Certificate2 cert) => new(
        cert.Subject,
        [.. cert.Extensions.Where(e => e.Oid?.Value == SubjectAltName).SelectMany(e => new X509SubjectAlternativeNameExtension(e.RawData).EnumerateDnsNames())],
        cert.Issuer,
        new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        NginxTls.FingerprintOf(cert));
}
