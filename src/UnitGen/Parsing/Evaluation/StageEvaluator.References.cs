using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    // COPY --from and RUN --mount from= name a stage or an image. Docker 20.10 reads both as written (after the
    // flag's own quotes); later buildkit refuses a substitution in COPY --from and unquotes and expands --mount's
    // values. Every reading is kept, so a check of them holds whichever docker builds.
    private void AddReferences(StageState stage, Instruction instruction)
    {
        foreach (var flag in instruction.Flags)
        {
            if (flag.Value is not { } value)
                continue;
            if (instruction.Name == InstructionNames.Copy && flag.Name == "from")
                stage.References.Add(Reference(instruction, "--from", [value, Quietly(stage, value)]));
            else if (instruction.Name == InstructionNames.Run && flag.Name == "mount")
                foreach (var from in MountFields.Values(value, "from"))
                    stage.References.Add(Reference(instruction, "--mount from", [from, Quietly(stage, from)]));
        }
    }

    private static ImageReference Reference(Instruction instruction, string flag, IEnumerable<string?> readings) =>
        new(instruction.Line, instruction.Name, flag, [.. readings.OfType<string>().Distinct()]);

    // A reading only: it notes no unknown variable in the stage (the image's UnresolvedVariables stay as docker's
    // build makes them), and a value the lexer refuses has no reading beyond the written one.
    private string? Quietly(StageState stage, string text)
    {
        try
        {
            return ShellLexer.ProcessWord(text, Escape, stage.Value);
        }
        catch (ExpansionException)
        {
            return null;
        }
    }
}
