using System.Globalization;

namespace Nap.Deployer.Certs;

/// <summary>A certificate as `certs` and `certs:add` print it.</summary>
public static class CertLines
{
    public static IEnumerable<string> Of(CertInfo info, IReadOnlyList<string> domains)
    {
        yield return $"subject:     {info.Subject}";
        yield return $"names:       {string.Join(' ', info.Names)}";
        yield return $"issuer:      {info.Issuer}";
        yield return $"valid:       {Day(info.NotBefore)} to {Day(info.NotAfter)}";
        yield return $"sha256:      {info.Fingerprint}";
        yield return $"https for:   {(domains.Count == 0 ? "(no domains yet)" : string.Join(' ', domains))}";
    }

    static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
