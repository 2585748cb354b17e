namespace Nap.UnitGen.Parsing;

/// <summary>One instruction, continuation lines joined, flags split off, arguments not yet expanded.</summary>
public sealed record Instruction
{
    /// <summary>1-based line where the instruction starts.</summary>
    public required int Line { get; init; }

    public int EndLine { get; init; }

    /// <summary>Upper case ("RUN"), whatever case the file used.</summary>
    public required string Name { get; init; }

    /// <summary>The joined line as read (continuations removed), for messages.</summary>
    public string Original { get; init; } = "";

    public IReadOnlyList<InstructionFlag> Flags { get; init; } = [];

    /// <summary>Everything after the name and flags, trimmed.</summary>
    public required string Arguments { get; init; }

    /// <summary>The JSON array when the arguments are one (exec form); null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm { get; init; }

    public bool IsExecForm => ExecForm is not null;

    public IReadOnlyList<Heredoc> Heredocs { get; init; } = [];

    /// <summary>For ONBUILD: the instruction it registers.</summary>
    public Instruction? Trigger { get; init; }

    public Instruction WithFlags(IReadOnlyList<InstructionFlag> flags) => this with { Flags = flags };

    public Instruction WithHeredocs(IReadOnlyList<Heredoc> heredocs) => this with { Heredocs = heredocs };

    internal DockerfileException Error(string detail) => new(Line, Name, detail);
}
