using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing;

/// <summary>
/// Every `syntax` directive an engine nap builds with would act on: each names an image the engine pulls and runs
/// as the build's frontend. Engines disagree on where directives end, so this reads the union of their rules, not
/// nap's parser's: docker 20.10's builder (buildkit 0.8) goes on past unknown directives (`# foo=bar` then
/// `# syntax=...`), later ones skip a `#!` first line, accept `//` as the comment and a JSON document's "syntax"
/// key; nap's parser and buildkit's Dockerfile parser allow blanks before the `#`. A line any of them could read
/// as a directive keeps the scan going.
/// </summary>
public static partial class FrontendDirectives
{
    // buildkit's directive pattern after the comment mark, with .NET's \s (Unicode blanks, a superset of Go's ASCII ones).
    [GeneratedRegex(@"^\s*(#|//)\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DirectiveLine();

    /// <summary>The syntax directives of <paramref name="text"/>, in order (an engine may take the first or the last).</summary>
    public static IReadOnlyList<ParserDirective> Find(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var found = new List<ParserDirective>();
        var first = lines[0].StartsWith("#!", StringComparison.Ordinal) ? 1 : 0;
        for (var index = first; index < lines.Length; index++)
        {
            var match = DirectiveLine().Match(lines[index].TrimEnd('\r'));
            if (!match.Success)
                break;
            if (match.Groups[2].Value.Equals("syntax", StringComparison.OrdinalIgnoreCase))
                found.Add(new ParserDirective("syntax", match.Groups[3].Value, index + 1));
        }
        if (found.Count == 0 && JsonSyntax(text) is { } json)
            found.Add(new ParserDirective("syntax", json, 1));
        return found;
    }

    // buildkit's last fallback: a JSON document with a "syntax" key (nap's parser refuses such a file anyway).
    private static string? JsonSyntax(string text)
    {
        if (!text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{'))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text.TrimStart('\uFEFF'));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("syntax", out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
