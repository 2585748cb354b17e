using System.Text.RegularExpressions;

namespace Nap.Protocol;

/// <summary>
/// An environment's name becomes part of a unit, container, image and network name (<see cref="AppSlot"/>) and a
/// DNS label of its address (ENV.APP.BASE), so it is a DNS label that starts with a letter: a leading digit would
/// make `nap-APP.ENV-N` read like the scaled instance `nap-APP-N.K` of another app.
/// </summary>
public static partial class EnvName
{
    public const string Production = "production";
    public const int MaxLength = 32;
    public const string Rule = "lowercase letters, digits and '-', starting with a letter, not ending with '-', at most 32 characters";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex Pattern();

    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "an environment name is required (" + Rule + ")";
        if (!Pattern().IsMatch(name) || name.EndsWith('-'))
            return $"'{Untrusted.Printable(name)}' is not a valid environment name: use {Rule}";
        return null;
    }
}
