using System.Text;
using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class ShellLexer
{
    // ${V#p} ${V##p} ${V%p} ${V%%p}: drop the shortest (doubled: longest) matching prefix or suffix.
    private string Trim(string value, char modifier, string pattern)
    {
        var greedy = pattern.Length > 0 && pattern[0] == modifier;
        if (greedy)
            pattern = pattern[1..];

        var glob = Compile("^" + GlobToRegex(pattern) + "$");
        var lengths = greedy ? Enumerable.Range(0, value.Length + 1).Reverse() : Enumerable.Range(0, value.Length + 1);
        foreach (var length in lengths)
        {
            var part = modifier == '#' ? value[..length] : value[(value.Length - length)..];
            if (glob.IsMatch(part))
                return modifier == '#' ? value[length..] : value[..(value.Length - length)];
        }
        return value;
    }

    // ${V/p/r} replaces the first longest match, ${V//p/r} every one.
    private string Replace(string name, string? value)
    {
        var all = Peek() == '/';
        if (all)
            Next();
        var pattern = Process('/', rawEscapes: true).Result;
        var replacement = Word('}', rawEscapes: true);
        if (value is null && _skipUnset)
            return $"${{{name}/{pattern}/{replacement}}}";
        if (pattern.Length == 0)
            return value ?? "";

        var glob = Compile(GlobToRegex(pattern));
        return glob.Replace(value ?? "", replacement.Replace("$", "$$", StringComparison.Ordinal), all ? -1 : 1);
    }

    private static Regex Compile(string regex)
    {
        try
        {
            return new Regex(regex, RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            throw new ExpansionException("bad pattern in substitution; check its [...] ranges");
        }
    }

    private string GlobToRegex(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == _escape && i + 1 < pattern.Length)
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            else if (ch == '*')
                regex.Append(".*");
            else if (ch == '?')
                regex.Append('.');
            else if (ch == '[' && pattern.IndexOf(']', i + 1) is var close and > 0)
            {
                var set = pattern[(i + 1)..close];
                if (set.StartsWith('!'))
                    set = "^" + set[1..];
                regex.Append('[').Append(set.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else
                regex.Append(Regex.Escape(ch.ToString()));
        }
        return regex.ToString();
    }
}
