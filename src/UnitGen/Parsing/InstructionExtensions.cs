namespace Nap.UnitGen.Parsing;

internal static class InstructionExtensions
{
    // ONBUILD RUN <<EOF carries its here-document like a plain RUN does.
    public static bool CanContainHeredoc(this Instruction instruction)
    {
        var target = instruction.Trigger ?? instruction;
        return InstructionNames.AcceptsHeredoc(target.Name) && !target.IsExecForm;
    }
}
