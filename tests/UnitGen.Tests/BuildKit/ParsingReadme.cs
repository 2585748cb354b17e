using System.Runtime.CompilerServices;

namespace Nap.UnitGen.Tests.BuildKit;

/// <summary>src/UnitGen/Parsing/README.md, whose table lists where nap differs from docker build on purpose.</summary>
static class ParsingReadme
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(SourceDirectory(), "..", "..", "..", "src", "UnitGen", "Parsing", "README.md"));

    /// <summary>The rows of its tables, e.g. "| `MAINTAINER x` | sets the image's Author | ... |".</summary>
    public static IReadOnlyList<string> TableRows { get; } = Text.Split('\n').Where(l => l.StartsWith('|')).ToList();

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
