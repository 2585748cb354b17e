namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    private void Env(StageState stage, Instruction instruction) =>
        stage.Config = stage.Config.WithEnv(Upsert(stage.Config.Env, KeyValues(stage, instruction)));

    private void Label(StageState stage, Instruction instruction) =>
        stage.Config = stage.Config.WithLabels(Upsert(stage.Config.Labels, KeyValues(stage, instruction)));

    // MAINTAINER is deprecated; the label is what docker inspect users look for instead.
    private static void Maintainer(StageState stage, Instruction instruction)
    {
        if (instruction.Arguments.Length == 0)
            throw instruction.Error("needs a name; better: LABEL maintainer=\"NAME\"");
        stage.Config = stage.Config.WithLabels(Upsert(stage.Config.Labels, [new("maintainer", instruction.Arguments)]));
    }

    // Every value of one instruction sees the variables as they were before it (ENV a=1 b=$a uses the old a).
    private List<KeyValuePair<string, string>> KeyValues(StageState stage, Instruction instruction)
    {
        var words = WordSplitter.Split(instruction.Arguments, Escape);
        if (words.Count == 0)
            throw instruction.Error($"needs at least one pair: {instruction.Name} NAME=VALUE");

        var pairs = new List<KeyValuePair<string, string>>();
        if (!words[0].Contains('='))
        {
            var parts = instruction.Arguments.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
                throw instruction.Error($"\"{parts[0]}\" has no value; write {instruction.Name} {parts[0]}=VALUE");
            pairs.Add(new(Word(stage, parts[0]), Word(stage, parts[1].TrimStart())));
        }
        else
        {
            foreach (var word in words)
            {
                var equals = word.IndexOf('=');
                if (equals < 0)
                    throw instruction.Error($"can't find = in \"{word}\"; write NAME=VALUE (quote values with spaces)");
                pairs.Add(new(Word(stage, word[..equals]), Word(stage, word[(equals + 1)..])));
            }
        }

        var blank = pairs.FindIndex(p => p.Key.Length == 0);
        if (blank >= 0)
            throw instruction.Error($"a name is empty (value \"{pairs[blank].Value}\"); write NAME=VALUE");
        return pairs;
    }

    // Docker keeps a redefined name where it first appeared.
    private static List<KeyValuePair<string, string>> Upsert(
        IReadOnlyList<KeyValuePair<string, string>> existing,
        IEnumerable<KeyValuePair<string, string>> updates)
    {
        var result = existing.ToList();
        foreach (var update in updates)
        {
            var index = result.FindIndex(e => e.Key == update.Key);
            if (index >= 0)
                result[index] = update;
            else
                result.Add(update);
        }
        return result;
    }
}
