using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.Deployer.AppConfig;

/// <summary>
/// The rules of `docker run --env-file`: one NAME=VALUE per line, no quoting, so a name must be a
/// shell identifier and a value can hold anything but a line break or a NUL.
/// </summary>
public static partial class EnvVar
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    public static string? ValidateName(string name) =>
        NamePattern().IsMatch(name) && name.Length <= 255
            ? null
            : $"'{Untrusted.Printable(name)}' is not a valid config name: use letters, digits and '_', not starting with a digit";

    /// <summary>The message names the variable, never its value: values may be secrets.</summary>
    public static string? ValidateValue(string name, string value) =>
        value.AsSpan().IndexOfAny('\n', '\r', '\0') < 0 && value.Length <= 65536
            ? null
            : $"the value of {name} holds a line break or a NUL (or is longer than 64 KiB): docker's env-file cannot carry it";

    /// <summary>Parses "K=V"; null name with a reason when it is not one.</summary>
    public static (string? Name, string Value, string? Error) ParseAssignment(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0)
            return (null, "", $"'{Untrusted.Printable(text.Split('=')[0])}...' is not NAME=VALUE");
        var (name, value) = (text[..eq], text[(eq + 1)..]);
        var error = ValidateName(name) ?? ValidateValue(name, value);
        return (error is null ? name : null, value, error);
    }
}
