namespace Nap.UnitGen.Model;

/// <summary>A RUN, COPY or ADD as written: nap does not execute it, docker build does.</summary>
public sealed record BuildStep
{
    public required int Line { get; init; }

    /// <summary>"RUN", "COPY" or "ADD".</summary>
    public required string Instruction { get; init; }

    /// <summary>Flags in order, e.g. ("from", "build"), ("link", "true"); a repeated flag (--mount) appears once per use.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Flags { get; init; } = [];

    /// <summary>The arguments after the flags, unexpanded (RUN is never expanded by docker build).</summary>
    public required string Arguments { get; init; }

    /// <summary>COPY/ADD sources after substitution (here-documents stay as &lt;&lt;NAME); empty for RUN.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>COPY/ADD destination after substitution, relative to the WORKDIR in force when relative; null for RUN.</summary>
    public string? Destination { get; init; }

    /// <summary>The JSON (exec) form when written as one; null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm { get; init; }

    /// <summary>
    /// Variables the sources name that nothing in the Dockerfile defines: the base image's environment may, and
    /// docker build would use its value where nap substituted an empty one.
    /// </summary>
    public IReadOnlyList<string> UnresolvedInSources { get; init; } = [];

    /// <summary>Here-documents the step carries, in order.</summary>
    public IReadOnlyList<HeredocContent> Heredocs { get; init; } = [];

    public string? Flag(string name) => Flags.LastOrDefault(f => f.Key == name).Value;
}
