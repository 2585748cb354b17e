using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>Docker's ENTRYPOINT/CMD interplay.</summary>
internal static class CommandLine
{
    public static IReadOnlyList<string> Combine(ImageConfig config) =>
        config.Entrypoint.Count == 0 ? config.Cmd
        : config.EntrypointIsShellForm ? config.Entrypoint
        : [.. config.Entrypoint, .. config.Cmd];
}
