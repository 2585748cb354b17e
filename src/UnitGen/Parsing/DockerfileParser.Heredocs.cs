using System.Text;
using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing;

public static partial class DockerfileParser
{
    [GeneratedRegex(@"^(\d*)<<(-?)([^<]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HeredocPattern();

    private static Instruction ReadHeredocs(Instruction instruction, IReadOnlyList<string> lines, ref int next)
    {
        var heredocs = new List<Heredoc>();
        foreach (var word in WordSplitter.Split(instruction.Original, '\\'))
        {
            if (ParseHeredocWord(word) is not { } heredoc)
                continue;

            var content = new StringBuilder();
            var terminated = false;
            while (next < lines.Count)
            {
                var line = lines[next++];
                var candidate = heredoc.StripTabs ? line.TrimStart('\t') : line;
                if (candidate == heredoc.Name)
                {
                    terminated = true;
                    break;
                }
                content.Append(candidate).Append('\n');
            }

            if (!terminated)
                throw instruction.Error($"unterminated heredoc <<{heredoc.Name}; end it with a line holding only {heredoc.Name}");
            heredocs.Add(heredoc with { Content = content.ToString() });
        }

        return instruction.WithHeredocs(heredocs) with { EndLine = next };
    }

    /// <summary>The here-document a word such as `&lt;&lt;EOF`, `&lt;&lt;-"EOF"` or `3&lt;&lt;X` opens; null for other words.</summary>
    internal static Heredoc? ParseHeredocWord(string word)
    {
        var match = HeredocPattern().Match(word);
        if (!match.Success)
            return null;

        var raw = match.Groups[3].Value;
        var name = Unquote(raw);
        if (name.Length == 0)
            return null;

        _ = int.TryParse(match.Groups[1].Value, out var fd);
        // buildkit turns expansion off for quotes only; <<\EOF still expands, unlike in sh.
        var expand = raw.IndexOfAny(['"', '\'']) < 0;
        return new Heredoc(name, "", expand, match.Groups[2].Value == "-", fd);
    }

    private static string Unquote(string raw)
    {
        var result = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var ch = raw[i];
            if (quote is { } q)
            {
                if (ch == q)
                    quote = null;
                else
                    result.Append(ch);
            }
            else if (ch is '"' or '\'')
                quote = ch;
            else if (ch == '\\' && i + 1 < raw.Length)
                result.Append(raw[++i]);
            else
                result.Append(ch);
        }
        return result.ToString();
    }
}
