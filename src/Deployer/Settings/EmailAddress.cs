using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.Deployer.Settings;

/// <summary>An ACME account's contact, from napd.json or `certs:auto --email`: one word with one '@', no control characters.</summary>
public static partial class EmailAddress
{
    // The CA checks deliverability; this only keeps the value one plain argument of the ACME client.
    [GeneratedRegex(@"^[A-Za-z0-9.!#%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex Pattern();

    /// <summary>Null when it can be an account's contact, else a one-line reason.</summary>
    public static string? Validate(string email) =>
        email.Length <= 254 && Pattern().IsMatch(email)
            ? null
            : $"'{Untrusted.Printable(email)}' is not an email address an ACME account can use: give one such as admin@example.com";
}
