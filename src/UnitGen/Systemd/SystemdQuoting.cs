using System.Text;

namespace Nap.UnitGen.Systemd;

/// <summary>
/// systemd's own quoting rules (systemd.syntax(7), systemd.service(5) "Command lines").
/// No .NET library implements them, so they live here, proven by tests that read the
/// rendered lines back through systemd-analyze.
/// </summary>
public static class SystemdQuoting
{
    /// <summary>
    /// One argument of an Exec line. Specifiers are expanded after unquoting and variables at
    /// exec time, so <c>%</c> and <c>$</c> are doubled even inside quotes; anything beyond a
    /// plain word is double-quoted with C escapes, so whitespace, quotes, a lone <c>;</c>
    /// (the command separator) or a backslash at the end of a line can never split the word.
    /// </summary>
    public static string ExecArgument(string value)
    {
        if (value.Length > 0 && value.All(IsPlainChar))
            return value.Replace("%", "%%").Replace("$", "$$");
        var quoted = new StringBuilder(value.Length + 8).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                quoted.Append(c).Append(value[++i]);
                continue;
            }
            quoted.Append(Escape(c));
        }
        return quoted.Append('"').ToString();
    }

    public static string ExecLine(IEnumerable<ExecArg> words) =>
        string.Join(' ', words.Select(w => w.ToSystemd()));

    /// <summary>
    /// A setting that is not a command line (Description=, EnvironmentFile=, ...): only
    /// specifiers apply there, and a line break would start a new directive, so it is refused.
    /// </summary>
    public static string Value(string value) =>
        value.Any(char.IsControl) || value.EndsWith('\\')
            ? throw new ArgumentException($"a unit setting cannot hold control characters or end in a backslash: '{value}'", nameof(value))
            : value.Replace("%", "%%");

    internal static bool IsTemplateChar(char c) => IsPlainChar(c) || c is '$' or '{' or '}' or '%';

    static bool IsPlainChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '_' or '.' or '/' or ':' or '=' or ',' or '+' or '@' or '%' or '$';

    static string Escape(char c) => c switch
    {
        '%' => "%%",
        '$' => "$$",
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\t' => "\\t",
        '\r' => "\\r",
        '\a' => "\\a",
        '\b' => "\\b",
        '\f' => "\\f",
        '\v' => "\\v",
        '\0' => throw new ArgumentException("a NUL character cannot be passed in a command line"),
        _ when char.IsSurrogate(c) => throw new ArgumentException("a broken UTF-16 surrogate cannot be written to a unit file"),
        // \u, not \x: \x80..\xff would put a raw byte, not UTF-8, into the argument.
        _ when char.IsControl(c) => $"\\u{(int)c:x4}",
        _ => c.ToString(),
    };
}
