using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.Deployer.Nginx;

/// <summary>A host name an app may be served under: lowercase DNS labels, at least two of them.</summary>
public static partial class DomainName
{
    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Pattern();

    public static string Normalize(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>Null when valid (after <see cref="Normalize"/>), else a one-line reason.</summary>
    public static string? Validate(string domain) =>
        Pattern().IsMatch(domain)
            ? null
            : $"'{Untrusted.Printable(domain)}' is not a valid domain: use a host name such as app.example.com (letters, digits, '-' and '.')";
}
