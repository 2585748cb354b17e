using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing;

public static partial class DockerfileParser
{
    // Docker ignores unknown directives (they are comments) and stops looking at the first line that is not one.
    private static readonly HashSet<string> KnownDirectives = ["syntax", "escape", "check"];

    // buildkit's directiveRegexp after "#" and any blanks; its \s is ASCII only, as here.
    [GeneratedRegex(@"^#\s*([a-zA-Z][a-zA-Z0-9]*)[ \t\n\f\r]*=[ \t\n\f\r]*(.+?)[ \t\n\f\r]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DirectivePattern();

    private static (IReadOnlyList<ParserDirective> Directives, char Escape) ReadDirectives(IReadOnlyList<string> lines)
    {
        var directives = new List<ParserDirective>();
        var escape = '\\';

        for (var index = 0; index < lines.Count; index++)
        {
            // buildkit strips a line's leading blanks before it looks for a directive.
            var match = DirectivePattern().Match(lines[index].TrimStart());
            if (!match.Success)
                break;

            var name = match.Groups[1].Value.ToLowerInvariant();
            if (!KnownDirectives.Contains(name))
                break;

            var line = index + 1;
            if (directives.Any(d => d.Name == name))
                throw new DockerfileException(line, null, $"only one \"{name}\" parser directive can be used; remove this one");

            var value = match.Groups[2].Value;
            if (name == "escape")
                escape = value switch
                {
                    "\\" => '\\',
                    "`" => '`',
                    _ => throw new DockerfileException(line, null, $"invalid escape character \"{value}\"; use \\ or `"),
                };

            directives.Add(new ParserDirective(name, value, line));
        }

        return (directives, escape);
    }
}
