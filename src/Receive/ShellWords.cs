using System.Text;

namespace Nap.Receive;

/// <summary>
/// Splits a command line into words the way a POSIX shell quotes, and does nothing else:
/// no expansion, no operators. `$(id)`, backticks, `;` and `|` stay plain characters for
/// the name checks to refuse, so nothing the client sends is ever interpreted.
/// </summary>
public static class ShellWords
{
    /// <returns>The words, or null with a one-line reason.</returns>
    public static IReadOnlyList<string>? Split(string text, out string? error)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        error = null;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ':
                    if (inWord)
                        words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                        return Fail("a single quote is not closed", out error);
                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    if (!ReadDoubleQuoted(text, ref i, word))
                        return Fail("a double quote is not closed", out error);
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 == text.Length)
                        return Fail("the command ends with a backslash", out error);
                    word.Append(text[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
            words.Add(word.ToString());
        return words;
    }

    // Inside double quotes a backslash escapes only what the shell would let it escape.
    static bool ReadDoubleQuoted(string text, ref int i, StringBuilder word)
    {
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
                return true;
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                c = text[++i];
            word.Append(c);
        }
        return false;
    }

    static IReadOnlyList<string>? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }
}
