namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    private static void Cmd(StageState stage, Instruction instruction)
    {
        stage.Config = stage.Config with { Cmd = CommandOf(stage, instruction) };
        stage.CmdSet = true;
    }

    // A new ENTRYPOINT drops a CMD inherited from the base, but keeps one set earlier in this stage.
    private static void Entrypoint(StageState stage, Instruction instruction) =>
        stage.Config = stage.Config with
        {
            Entrypoint = CommandOf(stage, instruction),
            EntrypointIsShellForm = !instruction.IsExecForm,
            Cmd = stage.CmdSet ? stage.Config.Cmd : [],
        };

    private static void Shell(StageState stage, Instruction instruction)
    {
        if (instruction.ExecForm is not { Count: > 0 } shell)
            throw instruction.Error("needs a JSON array, e.g. SHELL [\"/bin/bash\", \"-c\"]");
        stage.Config = stage.Config with { Shell = shell };
    }

    private static IReadOnlyList<string> CommandOf(StageState stage, Instruction instruction)
    {
        if (instruction.ExecForm is { } exec)
            return exec;
        if (instruction.Arguments.Length == 0)
            throw instruction.Error($"needs a command, e.g. {instruction.Name} [\"/app/server\"]");
        return [.. stage.Config.Shell, instruction.Arguments];
    }
}
