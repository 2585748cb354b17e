using System.Text.RegularExpressions;

namespace Nap.Protocol;

/// <summary>The name a public key is registered under (`nap keys add NAME`).</summary>
public static partial class KeyName
{
    public const string Rule = "letters, digits, '.', '_', '@' and '-', starting with a letter or digit, at most 64 characters";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex Pattern();

    public static string? Validate(string? name) =>
        name is not null && Pattern().IsMatch(name)
            ? null
            : $"'{Untrusted.Printable(name ?? "")}' is not a valid key name: use {Rule}";
}
