using System.Text;

namespace Nap.UnitGen.Parsing;

/// <summary>
/// Takes the leading `--flag[=value]` words off an instruction's arguments, as buildkit's
/// extractBuilderFlags does: quotes group, a backslash escapes, a bare `--` ends the flags.
/// </summary>
internal static class FlagSplitter
{
    public static (string Remainder, IReadOnlyList<string> Flags) Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var blankOk = false;
        char? quote = null;

        for (var pos = 0; pos < line.Length; pos++)
        {
            var ch = line[pos];
            if (!inWord)
            {
                if (char.IsWhiteSpace(ch))
                    continue;
                if (ch != '-' || pos + 1 == line.Length || line[pos + 1] != '-')
                    return (line[pos..], words);
                inWord = true;
            }

            if (quote is { } q)
            {
                if (ch == q)
                {
                    quote = null;
                    continue;
                }
                if (ch == '\\' && pos + 1 < line.Length)
                    ch = line[++pos];
                word.Append(ch);
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                inWord = false;
                if (word.ToString() == "--")
                    return (line[pos..], words);
                if (blankOk || word.Length > 0)
                    words.Add(word.ToString());
                word.Clear();
                blankOk = false;
                continue;
            }

            if (ch is '\'' or '"')
            {
                quote = ch;
                blankOk = true;
                continue;
            }

            if (ch == '\\')
            {
                if (pos + 1 == line.Length)
                    continue;
                ch = line[++pos];
            }
            word.Append(ch);
        }

        if (inWord && word.ToString() != "--" && (blankOk || word.Length > 0))
            words.Add(word.ToString());
        return ("", words);
    }
}
