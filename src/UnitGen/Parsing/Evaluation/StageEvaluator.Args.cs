namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    // ARG NAME[=default] ...: a build argument beats the default; a bare ARG in a stage takes the global value.
    private void DeclareArgs(
        Instruction instruction,
        Dictionary<string, string?> scope,
        Func<string, string?> lookup,
        IReadOnlyDictionary<string, string?>? inherit)
    {
        var words = WordSplitter.Split(instruction.Arguments, Escape);
        if (words.Count == 0)
            throw instruction.Error("needs a name: ARG NAME[=default]");

        foreach (var word in words)
        {
            var equals = word.IndexOf('=');
            var name = equals < 0 ? word : word[..equals];
            if (name.Length == 0)
                throw instruction.Error($"\"{word}\" has no name; write ARG NAME[=default]");

            string? value;
            if (_buildArgs.TryGetValue(name, out var given))
                value = given;
            else if (equals >= 0)
                value = ShellLexer.ProcessWord(word[(equals + 1)..], Escape, lookup);
            else if (inherit is not null && inherit.TryGetValue(name, out var global))
                value = global;
            else
                value = null;

            scope[name] = value;
        }
    }
}
