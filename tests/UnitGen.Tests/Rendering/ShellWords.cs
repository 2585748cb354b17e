using System.Text;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>
/// Undoes systemd's quote_command_line (shell_maybe_quote): how systemd-analyze prints the
/// argv it parsed. Written from systemd's escape.c so the tests read systemd's answer, not ours.
/// </summary>
static class ShellWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ') { i++; continue; }
            var word = new StringBuilder();
            if (line[i] == '"')
            {
                for (i++; line[i] != '"'; i++)
                    word.Append(line[i] == '\\' ? Unescape(line, ref i) : line[i]);
                i++;
            }
            else
            {
                for (; i < line.Length && line[i] != ' '; i++)
                    word.Append(line[i]);
            }
            words.Add(word.ToString());
        }
        return words;
    }

    static char Unescape(string line, ref int i)
    {
        var c = line[++i];
        switch (c)
        {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return '\a';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return '\v';
            case >= '0' and <= '7':
                var octal = Convert.ToInt32(line.Substring(i, 3), 8);
                i += 2;
                return (char)octal;
            default: return c;
        }
    }
}
