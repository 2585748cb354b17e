using System.Runtime.CompilerServices;

namespace Nap.UnitGen.Tests.Parsing;

/// <summary>The Dockerfiles under tests/UnitGen.Tests/Corpus, read from the source tree (no copy to the output needed).</summary>
internal static class CorpusFiles
{
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "Corpus"));

    public static IReadOnlyList<string> Names { get; } =
        System.IO.Directory.GetDirectories(Directory)
            .Where(d => File.Exists(Path.Combine(d, "Dockerfile")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> All => new(Names);

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name, "Dockerfile"));

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
