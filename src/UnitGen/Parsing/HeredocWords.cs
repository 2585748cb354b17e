using System.Text.RegularExpressions;
using Nap.UnitGen.Parsing.Evaluation;

namespace Nap.UnitGen.Parsing;

/// <summary>
/// Which words open here-documents, decided as buildkit decides it (parser.heredocsFromLine and
/// ParseHeredoc): its shell lexer splits the line with quotes and escapes kept and the blanks after
/// "&lt;&lt;" glued on, so `&lt;&lt; EOF` is one word; a word is then matched against (\d*)&lt;&lt;(-?)\s*NAME.
/// </summary>
internal static partial class HeredocWords
{
    // Go's \d and \s are ASCII.
    [GeneratedRegex(@"^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HeredocPattern();

    /// <summary>
    /// The here-document a word such as `&lt;&lt;EOF`, `&lt;&lt;-"EOF"`, `3&lt;&lt;X` or `&lt;&lt; EOF` opens; null for
    /// other words. Throws <see cref="ExpansionException"/> where buildkit's ParseHeredoc returns an error.
    /// </summary>
    public static Heredoc? Parse(string word)
    {
        var match = HeredocPattern().Match(word);
        if (!match.Success || match.Groups[3].Length == 0)
            return null;

        var rest = match.Groups[3].Value;
        var names = ShellLexer.HeredocWords(rest, rawQuotes: false, rawEscapes: false);
        if (names.Count != 1)
            return null;
        var quoted = ShellLexer.HeredocWords(rest, rawQuotes: true, rawEscapes: false);

        // A quote anywhere in the delimiter turns expansion off; buildkit counts the quotes the lexer removed.
        var expand = quoted.Count == 1 && Quotes(names[0]) == Quotes(quoted[0]);
        _ = int.TryParse(match.Groups[1].Value, out var descriptor);
        return new Heredoc(names[0], "", expand, match.Groups[2].Value == "-", descriptor);
    }

    /// <summary>buildkit's MustParseHeredoc, used on COPY/ADD arguments: an error is "no heredoc".</summary>
    public static Heredoc? ParseOrNull(string word)
    {
        try
        {
            return Parse(word);
        }
        catch (ExpansionException)
        {
            return null;
        }
    }

    private static int Quotes(string text) => text.Count(c => c is '\'' or '"');
}
