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

    /// <summary>
    /// How deep ${...} may nest, and how long one word may grow once substituted. docker's Go lexer has neither
    /// bound (its stack grows); napd's does not, and a Dockerfile must not take napd down (200,000 nested
    /// `${a:-` overflowed its stack) nor make it allocate gigabytes (`ENV b=$a$a$a$a` doubling line after line).
    /// </summary>
    public const int MaxNesting = 64;

    public const int MaxWordLength = 1 << 20;

    private int _depth;

    private readonly string _text;
    private readonly char _escape;
    private readonly Func<string, string?> _lookup;
    // buildkit's RawQuotes and SkipUnsetEnv, which only its heredoc detection turns on.
    private readonly bool _rawQuotes;
    private readonly bool _skipUnset;
    private bool _rawEscapes;
    private int _pos;

    private ShellLexer(string text, char escape, Func<string, string?> lookup, bool rawQuotes = false, bool skipUnset = false)
    {
        _text = text;
        _escape = escape;
        _lookup = lookup;
        _rawQuotes = rawQuotes;
        _skipUnset = skipUnset;
    }

    /// <summary>The text with quotes removed and variables substituted, as one string (ENV values, WORKDIR, ...).</summary>
    public static string ProcessWord(string text, char escape, Func<string, string?> lookup) =>
        new ShellLexer(text, escape, lookup).Process(null, false).Result;

    /// <summary>The text split into words after substitution (EXPOSE $PORTS gives one word per port).</summary>
    public static IReadOnlyList<string> ProcessWords(string text, char escape, Func<string, string?> lookup) =>
        new ShellLexer(text, escape, lookup).Process(null, false).Words.Words();

    /// <summary>
    /// The words buildkit's heredoc detection sees: the escape is always \, variables stay as written,
    /// quotes (and, if asked, escapes) are kept. Throws <see cref="ExpansionException"/> where buildkit's lexer fails.
    /// </summary>
    public static IReadOnlyList<string> HeredocWords(string text, bool rawQuotes, bool rawEscapes) =>
        new ShellLexer(text, '\\', _ => null, rawQuotes, skipUnset: true).Process(null, rawEscapes).Words.Words();

    private bool AtEnd => _pos >= _text.Length;

    private char Peek() => AtEnd ? End : _text[_pos];

    private char Next() => AtEnd ? End : _text[_pos++];

    private (string Result, WordCollector Words) Process(char? stop, bool rawEscapes)
    {
        var outer = _rawEscapes;
        _rawEscapes = rawEscapes;
        if (++_depth > MaxNesting)
            throw new ExpansionException($"substitutions nest deeper than {MaxNesting} levels: nap does not expand them");
        try
        {
            return Process(stop);
        }
        finally
        {
            _rawEscapes = outer;
            _depth--;
        }
    }

    private (string Result, WordCollector Words) Process(char? stop)
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

            if (Special(ch) is { } special)
            {
                var text = special();
                if (result.Length + text.Length > MaxWordLength)
                    throw new ExpansionException($"a word grows past {MaxWordLength >> 20} MiB once its variables are substituted: nap does not expand it");
                result.Append(text);
                if (ch == '$')
                    words.Add(text);
                else
                    words.AddRaw(text);
                continue;
            }

            Next();
            if (ch == _escape)
            {
                if (_rawEscapes)
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

    // A variable's value splits into words (EXPOSE $PORTS); quoted text and "<<" with its blanks do not.
    private Func<string>? Special(char ch) => ch switch
    {
        '$' => Dollar,
        '\'' => SingleQuoted,
        '"' => DoubleQuoted,
        '<' => PossibleHeredoc,
        _ => null,
    };

    // buildkit keeps the blanks after "<<" in the word, so "<< EOF" is one word, as a heredoc needs.
    private string PossibleHeredoc()
    {
        Next();
        if (Peek() != '<')
            return "<";
        Next();
        var start = _pos;
        while (Peek() is ' ' or '\t' or '\r')
            Next();
        return "<<" + _text[start.._pos];
    }
}
