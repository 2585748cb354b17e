namespace Nap.UnitGen.Model;

/// <summary>One FROM and what follows it, resolved. Earlier stages matter only to the ones built FROM or COPY --from them.</summary>
public sealed record BuildStage
{
    public required int Index { get; init; }

    /// <summary>The line of the stage's FROM.</summary>
    public int Line { get; init; }

    /// <summary>The lower-cased name after AS; null when the stage has none.</summary>
    public string? Name { get; init; }

    /// <summary>--platform of FROM after substitution; null when not given.</summary>
    public string? Platform { get; init; }

    public required ImageConfig Config { get; init; }

    /// <summary>RUN, COPY and ADD in order: what docker build executes, kept for display and checks.</summary>
    public IReadOnlyList<BuildStep> Steps { get; init; } = [];

    /// <summary>Every image or stage this stage names, in order: its FROM first, then its COPY --from and RUN --mount from=.</summary>
    public IReadOnlyList<ImageReference> References { get; init; } = [];

    public BuildStage WithConfig(ImageConfig config) => this with { Config = config };
}
