using System.Text.RegularExpressions;

namespace Nap.UnitGen.Isolation;

/// <summary>
/// Every `syntax` directive some docker would obey: the frontend image it names runs the build, so it sees and
/// decides everything nap checks. Read wider than any one version reads it: docker 20.10 goes on past unknown
/// directives (`# foo=bar` then `# syntax=...`), buildkit 0.13 and later skips a `#!` first line and a byte
/// order mark and also takes `// syntax=`; nap's own parser stops at the first unknown one.
/// </summary>
public static partial class FrontendDirectives
{
    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9]*)[ \t\n\f\r\v]*=[ \t\n\f\r\v]*(.+?)[ \t\n\f\r\v]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    /// <summary>(line, the image named) for each `syntax` directive, in order.</summary>
    public static IReadOnlyList<(int Line, string Image)> Syntax(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var found = new List<(int, string)>();
        for (var index = lines.Length > 0 && lines[0].StartsWith("#!", StringComparison.Ordinal) ? 1 : 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimStart();
            var body = line.StartsWith('#') ? line[1..] : line.StartsWith("//", StringComparison.Ordinal) ? line[2..] : null;
            if (body is null || Directive().Match(body.TrimStart().TrimEnd('\r')) is not { Success: true } match)
                break;
            if (match.Groups[1].Value.Equals("syntax", StringComparison.OrdinalIgnoreCase))
                found.Add((index + 1, match.Groups[2].Value.Split(' ', 2)[0]));
        }
        return found;
    }
}
