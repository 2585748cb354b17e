namespace Nap.UnitGen.Parsing;

public static partial class DockerfileParser
{
    private static readonly char[] Blanks = [' ', '\t', '\v', '\f', '\r'];

    private static Instruction ParseInstructionLine(string line, int lineNumber, char escape)
    {
        var trimmed = line.Trim();
        var split = trimmed.IndexOfAny(Blanks);
        var word = split < 0 ? trimmed : trimmed[..split];
        var rest = split < 0 ? "" : trimmed[split..];
        var name = word.ToUpperInvariant();

        if (!InstructionNames.All.Contains(name))
            throw new DockerfileException(lineNumber, word, UnknownInstructionDetail(name));

        var (arguments, flagWords) = FlagSplitter.Split(rest);
        var instruction = new Instruction
        {
            Line = lineNumber,
            EndLine = lineNumber,
            Name = name,
            Original = line,
            Arguments = arguments.Trim(),
        };
        instruction = instruction.WithFlags(FlagRules.Parse(instruction, flagWords));

        return name switch
        {
            InstructionNames.Onbuild => WithTrigger(instruction, escape),
            InstructionNames.Healthcheck => WithHealthcheckForm(instruction),
            _ when InstructionNames.AcceptsJson(name) => instruction with { ExecForm = JsonForm.Parse(instruction, instruction.Arguments) },
            _ => instruction,
        };
    }

    private static Instruction WithTrigger(Instruction onbuild, char escape)
    {
        if (onbuild.Arguments.Length == 0)
            throw onbuild.Error("needs an instruction to register, e.g. ONBUILD RUN make");

        var trigger = ParseInstructionLine(onbuild.Arguments, onbuild.Line, escape);
        if (trigger.Name == InstructionNames.Onbuild)
            throw onbuild.Error("chaining ONBUILD via ONBUILD ONBUILD isn't allowed; register the inner instruction directly");
        if (trigger.Name is InstructionNames.From or InstructionNames.Maintainer)
            throw onbuild.Error($"{trigger.Name} isn't allowed as an ONBUILD trigger");

        return onbuild with { Trigger = trigger };
    }

    private static Instruction WithHealthcheckForm(Instruction healthcheck)
    {
        var arguments = healthcheck.Arguments;
        var split = arguments.IndexOfAny([' ', '\t']);
        if (split < 0)
            return healthcheck;
        return healthcheck with { ExecForm = JsonForm.Parse(healthcheck, arguments[split..].TrimStart()) };
    }

    private static string UnknownInstructionDetail(string name)
    {
        var suggestion = InstructionNames.All
            .Select(known => (known, distance: Levenshtein(name, known)))
            .Where(c => c.distance <= 2)
            .OrderBy(c => c.distance)
            .Select(c => c.known)
            .FirstOrDefault();
        return suggestion is null
            ? "unknown instruction; see https://docs.docker.com/reference/dockerfile/ for the ones that exist"
            : $"unknown instruction; did you mean {suggestion}?";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
