using System.Text;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>
/// Docker's substitution language (buildkit frontend/dockerfile/shell/lex.go): quotes, the escape
/// character, $V, ${V}, ${V:-d}, ${V-d}, ${V:+x}, ${V+x}, ${V:?msg}, ${V#p}, ${V%p}, ${V/p/r}.
/// It is not a shell: nothing runs, and only these forms exist.
/// </summary>
internal sealed partial class ShellLexer
{
    private const char End = '\0';

    private readonly string _text;
    private readonly char _escape;
    private readonly Func<string, string?> _lookup;
    private int _pos;

    private ShellLexer(string text, char escape, Func<string, string?> lookup)
    {
        _text = text;
        _escape = escape;
        _lookup = lookup;
    }

    /// <summary>The text with quotes removed and variables substituted, as one string (ENV values, WORKDIR, ...).</summary>
    public static string ProcessWord(string text, char escape, Func<string, string?> lookup) =>
        new ShellLexer(text, escape, lookup).Process(null, false).Result;

    /// <summary>The text split into words after substitution (EXPOSE $PORTS gives one word per port).</summary>
    public static IReadOnlyList<string> ProcessWords(string text, char escape, Func<string, string?> lookup) =>
        new ShellLexer(text, escape, lookup).Process(null, false).Words.Words();

    private bool AtEnd => _pos >= _text.Length;

    private char Peek() => AtEnd ? End : _text[_pos];

    private char Next() => AtEnd ? End : _text[_pos++];

    private (string Result, WordCollector Words) Process(char? stop, bool rawEscapes)
    {
        var result = new StringBuilder();
        var words = new WordCollector();

        while (!AtEnd)
        {
            var ch = Peek();
            if (stop == ch)
            {
                Next();
                return (result.ToString(), words);
            }

            switch (ch)
            {
                case '$':
                    var value = Dollar();
                    result.Append(value);
                    words.Add(value);
                    continue;
                case '\'':
                    var single = SingleQuoted();
                    result.Append(single);
                    words.AddRaw(single);
                    continue;
                case '"':
                    var dbl = DoubleQuoted();
                    result.Append(dbl);
                    words.AddRaw(dbl);
                    continue;
            }

            Next();
            if (ch == _escape)
            {
                if (rawEscapes)
                {
                    words.AddRaw(ch);
                    result.Append(ch);
                }
                if (AtEnd)
                    break;
                ch = Next();
                words.AddRaw(ch);
            }
            else
                words.Add(ch);
            result.Append(ch);
        }

        if (stop is { } missing)
            throw new ExpansionException($"unexpected end of text while looking for a matching {missing}");
        return (result.ToString(), words);
    }

    private string SingleQuoted()
    {
        Next();
        var start = _pos;
        var close = _text.IndexOf('\'', start);
        if (close < 0)
            throw new ExpansionException("missing closing single quote (')");
        _pos = close + 1;
        return _text[start..close];
    }

    private string DoubleQuoted()
    {
        Next();
        var result = new StringBuilder();
        while (true)
        {
            if (AtEnd)
                throw new ExpansionException("missing closing double quote (\")");
            var ch = Peek();
            if (ch == '"')
            {
                Next();
                return result.ToString();
            }
            if (ch == '$')
            {
                result.Append(Dollar());
                continue;
            }

            Next();
            if (ch == _escape)
            {
                if (AtEnd)
                    continue;
                if (Peek() == '"' || Peek() == '$' || Peek() == _escape)
                    ch = Next();
            }
            result.Append(ch);
        }
    }
}
