namespace Nap.UnitGen.Parsing;

/// <summary>`--name=value` or a bare `--name` (Value null) before an instruction's arguments.</summary>
public sealed record InstructionFlag(string Name, string? Value)
{
    public override string ToString() => Value is null ? $"--{Name}" : $"--{Name}={Value}";
}
