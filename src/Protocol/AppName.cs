using System.Text.RegularExpressions;

namespace Nap.Protocol;

/// <summary>
/// An app name becomes a unit name, a container name, a directory and a subdomain,
/// so it must be a DNS label.
/// </summary>
public static partial class AppName
{
    public const string Rule = "lowercase letters, digits and '-', starting with a letter, not ending with '-', at most 63 characters";

    static readonly HashSet<string> Reserved = ["nap", "napd", "nap-receive", "root", "admin", "git", "docker", "nginx", "systemd", "www", "localhost"];

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex Pattern();

    /// <summary>Returns null when the name is valid, else a one-line reason.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "an app name is required (" + Rule + ")";
        if (!Pattern().IsMatch(name) || name.EndsWith('-'))
            return $"'{Untrusted.Printable(name)}' is not a valid app name: use {Rule}";
        if (Reserved.Contains(name))
            return $"'{name}' is a reserved name: choose another app name";
        return null;
    }

    public static bool IsValid(string? name) => Validate(name) is null;
}
