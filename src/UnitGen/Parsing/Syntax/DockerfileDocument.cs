namespace Nap.UnitGen.Parsing;

/// <summary>A Dockerfile split into parser directives and instructions, nothing resolved yet.</summary>
public sealed record DockerfileDocument(
    IReadOnlyList<ParserDirective> Directives,
    IReadOnlyList<Instruction> Instructions,
    char EscapeChar = '\\')
{
    public string? Directive(string name) =>
        Directives.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
