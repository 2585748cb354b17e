using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing;

/// <summary>
/// Splits a Dockerfile into instructions the way moby/buildkit's frontend/dockerfile/parser does:
/// directives first, comments dropped, continuation lines joined with the current escape character,
/// empty and comment lines inside a continuation skipped, here-documents read after their line.
/// Throws <see cref="DockerfileException"/> only.
/// </summary>
public static partial class DockerfileParser
{
    public static DockerfileDocument Parse(string text)
    {
        var lines = SplitLines(text);
        var (directives, escape) = ReadDirectives(lines);
        var continuation = ContinuationPattern(escape);
        var instructions = new List<Instruction>();

        var next = 0;
        while (next < lines.Count)
        {
            var startLine = next + 1;
            var first = lines[next++];
            if (IsComment(first))
                continue;

            var (line, complete) = TrimContinuation(first.TrimStart(), continuation);
            if (complete && line.Length == 0)
                continue;

            while (!complete && next < lines.Count)
            {
                var part = lines[next++];
                if (IsComment(part) || part.Trim().Length == 0)
                    continue;
                (part, complete) = TrimContinuation(part, continuation);
                line += part;
            }

            if (line.Trim().Length == 0)
                continue;

            var instruction = ParseInstructionLine(line, startLine, escape) with { EndLine = next };
            if (instruction.CanContainHeredoc() && line.Contains("<<", StringComparison.Ordinal))
                instruction = ReadHeredocs(instruction, lines, ref next);

            instructions.Add(instruction);
        }

        return new DockerfileDocument(directives, instructions, escape);
    }

    private static bool IsComment(string line) => line.TrimStart().StartsWith('#');

    // buildkit's lineContinuationRegex: the escape must start the line or follow another character, so
    // `trailing\\` (an escaped escape) ends its instruction. Like buildkit, `a\\\` is no continuation either.
    [GeneratedRegex(@"(?<=^|[^\\])\\[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BackslashContinuation();

    [GeneratedRegex(@"(?<=^|[^`])`[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BacktickContinuation();

    private static Regex ContinuationPattern(char escape) => escape == '`' ? BacktickContinuation() : BackslashContinuation();

    private static (string Line, bool Complete) TrimContinuation(string line, Regex continuation)
    {
        var match = continuation.Match(line);
        return match.Success ? (line[..match.Index], false) : (line, true);
    }
}
