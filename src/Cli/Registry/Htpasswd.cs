namespace Nap.Cli.Registry;

/// <summary>
/// The registry's htpasswd file: one bcrypt line (the only kind distribution accepts). Cost 5, not BCrypt.Net's 11: the
/// password is 256 random bits, which no cost makes easier or harder to guess, and the registry checks it on every
/// request of a push (a dozen or more), where cost 11 would add about 100 ms each.
/// </summary>
public static class Htpasswd
{
    public const int Cost = 5;

    public static string Line(string user, string password) =>
        $"{user}:{BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(Cost))}\n";

    /// <summary>True when <paramref name="text"/> has a line for <paramref name="user"/> that <paramref name="password"/> matches.</summary>
    public static bool Accepts(string text, string user, string password) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(user + ":", StringComparison.Ordinal))
            .Any(l => Verify(password, l[(user.Length + 1)..]));

    static bool Verify(string password, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    /// <summary>A new password: 32 random bytes, base64url (no ':' that would end the user part of docker's auth).</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
