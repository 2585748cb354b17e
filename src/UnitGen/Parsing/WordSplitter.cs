using System.Text;

namespace Nap.UnitGen.Parsing;

/// <summary>
/// Splits arguments on blanks outside quotes, keeping quotes and escapes in the words (buildkit's
/// parseWords): the shell lexer removes them later, when it substitutes variables.
/// </summary>
internal static class WordSplitter
{
    public static IReadOnlyList<string> Split(string text, char escape)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var blankOk = false;
        char? quote = null;

        for (var pos = 0; pos < text.Length; pos++)
        {
            var ch = text[pos];
            if (!inWord)
            {
                if (char.IsWhiteSpace(ch))
                    continue;
                inWord = true;
            }

            if (quote is { } q)
            {
                if (ch == q)
                    quote = null;
                else if (ch == escape && q != '\'')
                {
                    if (pos + 1 == text.Length)
                        continue;
                    word.Append(ch);
                    ch = text[++pos];
                }
                word.Append(ch);
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                inWord = false;
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
            }
            else if (ch == escape)
            {
                if (pos + 1 == text.Length)
                    continue;
                word.Append(ch);
                ch = text[++pos];
            }
            word.Append(ch);
        }

        if (inWord && (blankOk || word.Length > 0))
            words.Add(word.ToString());
        return words;
    }
}
