using Nap.UnitGen.Model;
using Nap.UnitGen.Parsing;
using Nap.UnitGen.Parsing.Evaluation;

namespace Nap.UnitGen;

/// <summary>Reads a Dockerfile the way docker build does and tells what its last stage runs.</summary>
public static class Dockerfile
{
    /// <summary>
    /// Parses <paramref name="text"/> and resolves its last stage.
    /// Throws <see cref="DockerfileException"/> (and nothing else) for a Dockerfile docker would reject.
    /// </summary>
    public static ImageConfig Parse(string text, IReadOnlyDictionary<string, string>? buildArgs = null) =>
        ParseStages(text, buildArgs)[^1].Config;

    /// <summary>Every stage of the Dockerfile, resolved, in order; the last one is what runs.</summary>
    public static IReadOnlyList<BuildStage> ParseStages(string text, IReadOnlyDictionary<string, string>? buildArgs = null)
    {
        var document = DockerfileParser.Parse(text);
        return StageEvaluator.Evaluate(document, buildArgs ?? new Dictionary<string, string>());
    }
}
