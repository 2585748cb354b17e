namespace Nap.UnitGen.Rendering;

/// <summary>
/// POSIX shell quoting for the commands nap prints: a plain word as it is, anything else in single quotes, inside
/// which a shell expands nothing ($, `, \, newlines stay literal); a quote itself is closed, escaped and reopened.
/// </summary>
static class ShellQuoting
{
    public static string Word(string value) =>
        value.Length > 0 && value.All(IsPlain) ? value : "'" + value.Replace("'", "'\\''") + "'";

    static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',' or '+' or '@' or '%';
}
