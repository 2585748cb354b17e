using System.Security.Cryptography;
using System.Text;

namespace Nap.Deployer.Hooks;

/// <summary>
/// Each forge's proof that a delivery comes from it, checked in constant time (FixedTimeEquals), so the time an
/// answer takes tells nothing about how much of a guess was right.
/// </summary>
public static class SignatureCheck
{
    /// <param name="header">The request's header by name (case-insensitive), or null when absent.</param>
    public static bool IsValid(Forge forge, Func<string, string?> header, ReadOnlySpan<byte> body, string secret)
    {
        if (forge == Forge.GitHub)
            return header("X-Hub-Signature-256") is { } sig && sig.StartsWith("sha256=", StringComparison.Ordinal) && HmacMatches(sig["sha256=".Length..], body, secret);
        if (forge == Forge.Gitea)
            return header("X-Gitea-Signature") is { } sig && HmacMatches(sig, body, secret);
        if (forge == Forge.GitLab)
            return header("X-Gitlab-Token") is { } token
                && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        return false;
    }

    /// <summary>The hex HMAC-SHA256 of the body with the secret, as GitHub and Gitea sign (lower case).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    static bool HmacMatches(string hex, ReadOnlySpan<byte> body, string secret)
    {
        byte[] given;
        try
        {
            given = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        // An HMAC-SHA256's length is no secret: only the bytes of equal-length values are compared, in constant time.
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
