using System.Text;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class ShellLexer
{
    private string SingleQuoted()
    {
        Next();
        var start = _pos;
        var close = _text.IndexOf('\'', start);
        if (close < 0)
            throw new ExpansionException("missing closing single quote (')");
        _pos = close + 1;
        return _rawQuotes ? _text[(start - 1).._pos] : _text[start..close];
    }

    private string DoubleQuoted()
    {
        Next();
        var result = new StringBuilder(_rawQuotes ? "\"" : "");
        while (true)
        {
            if (AtEnd)
                throw new ExpansionException("missing closing double quote (\")");
            var ch = Peek();
            if (ch == '"')
            {
                Next();
                return (_rawQuotes ? result.Append('"') : result).ToString();
            }
            if (ch == '$')
            {
                result.Append(Dollar());
                continue;
            }

            Next();
            if (ch == _escape)
            {
                // As in buildkit, a kept escape before a character it does not escape ends up doubled.
                if (_rawEscapes)
                    result.Append(ch);
                if (AtEnd)
                    continue;
                if (Peek() == '"' || Peek() == '$' || Peek() == _escape)
                    ch = Next();
            }
            result.Append(ch);
        }
    }
}
