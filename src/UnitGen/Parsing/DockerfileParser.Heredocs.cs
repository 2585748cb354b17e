using System.Text;
using System.Text.RegularExpressions;
using Nap.UnitGen.Parsing.Evaluation;

namespace Nap.UnitGen.Parsing;

public static partial class DockerfileParser
{
    private static Instruction ReadHeredocs(Instruction instruction, IReadOnlyList<string> lines, ref int next)
    {
        var heredocs = new List<Heredoc>();
        foreach (var heredoc in HeredocsOf(instruction))
        {
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

    // buildkit's heredocsFromLine. Where it reads no heredoc from a line that plainly opens one, docker
    // would run the body's lines as instructions; nap says so at the line instead.
    private static List<Heredoc> HeredocsOf(Instruction instruction)
    {
        IReadOnlyList<string> words;
        try
        {
            words = ShellLexer.HeredocWords(instruction.Original, rawQuotes: true, rawEscapes: true);
        }
        catch (ExpansionException e) when (LooseHeredoc().IsMatch(instruction.Original))
        {
            throw instruction.Error($"docker cannot split this line into words: {e.Message}; fix that first, or docker reads no heredoc here and runs the lines below as instructions");
        }
        catch (ExpansionException)
        {
            return [];
        }

        var heredocs = new List<Heredoc>();
        for (var index = 0; index < words.Count; index++)
        {
            if (DashAlone().IsMatch(words[index]) && index + 1 < words.Count)
                throw instruction.Error($"docker reads no heredoc from \"{words[index]} {words[index + 1]}\" and would run the lines below as instructions; write {words[index]}{words[index + 1]} without the blank");
            if (HeredocOf(instruction, words[index]) is { } heredoc)
                heredocs.Add(heredoc);
        }
        return heredocs;
    }

    private static Heredoc? HeredocOf(Instruction instruction, string word)
    {
        Heredoc? heredoc;
        try
        {
            heredoc = HeredocWords.Parse(word);
        }
        catch (ExpansionException e)
        {
            throw instruction.Error($"the heredoc \"{word}\": {e.Message}");
        }

        // COPY and ADD split their arguments at blanks, so "<< EOF" would copy files named "<<" and "EOF".
        var target = (instruction.Trigger ?? instruction).Name;
        if (heredoc is not null && target is not InstructionNames.Run && word.Any(char.IsWhiteSpace))
            throw instruction.Error($"docker reads the heredoc \"{word}\" but {target} splits it at the blank into file names; write it as one word, e.g. <<EOF");
        return heredoc;
    }

    // A << followed by a delimiter, for a line the lexer could not split.
    [GeneratedRegex(@"<<-?[ \t]*[^\s<]", RegexOptions.CultureInvariant)]
    private static partial Regex LooseHeredoc();

    [GeneratedRegex(@"^[0-9]*<<-$", RegexOptions.CultureInvariant)]
    private static partial Regex DashAlone();
}
