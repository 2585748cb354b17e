using System.Globalization;
using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    private static void Healthcheck(StageState stage, Instruction instruction)
    {
        var arguments = instruction.Arguments;
        var split = arguments.IndexOfAny([' ', '\t']);
        var type = (split < 0 ? arguments : arguments[..split]).ToUpperInvariant();
        var rest = split < 0 ? "" : arguments[split..].Trim();

        if (type == "NONE")
        {
            if (rest.Length > 0 || instruction.Flags.Count > 0)
                throw instruction.Error("HEALTHCHECK NONE takes no arguments or options");
            stage.Config = stage.Config with { HealthCheck = HealthCheck.Disabled };
            return;
        }
        if (type != "CMD")
            throw instruction.Error($"{(type.Length == 0 ? "needs a type" : $"unknown type \"{type}\"")}; write HEALTHCHECK [OPTIONS] CMD command, or HEALTHCHECK NONE");

        IReadOnlyList<string> test = instruction.ExecForm is { } exec ? ["CMD", .. exec] : ["CMD-SHELL", rest];
        if (test.Count < 2 || test[1].Length == 0)
            throw instruction.Error("missing command after HEALTHCHECK CMD");

        stage.Config = stage.Config with
        {
            HealthCheck = new HealthCheck
            {
                Test = test,
                Interval = Duration(instruction, "interval"),
                Timeout = Duration(instruction, "timeout"),
                StartPeriod = Duration(instruction, "start-period"),
                StartInterval = Duration(instruction, "start-interval"),
                Retries = Retries(instruction),
            },
        };
    }

    // buildkit's parseOptInterval: zero means "Docker's default" (null in the model), anything else below 1ms
    // (1ns included, which a TimeSpan tick cannot hold) is refused.
    private static TimeSpan? Duration(Instruction instruction, string flag)
    {
        if (instruction.Flags.LastOrDefault(f => f.Name == flag)?.Value is not { Length: > 0 } text)
            return null;
        var nanoseconds = GoDuration.ParseNanoseconds(text)
            ?? throw instruction.Error($"--{flag}=\"{text}\" is not a duration; write e.g. 30s, 1m30s or 500ms");
        if (nanoseconds == 0)
            return null;
        if (nanoseconds < NanosecondsPerMillisecond)
            throw instruction.Error($"--{flag}=\"{text}\" is too short or negative; use at least 1ms");
        return TimeSpan.FromTicks(nanoseconds / NanosecondsPerTick);
    }

    private const long NanosecondsPerMillisecond = 1_000_000;
    private const long NanosecondsPerTick = 100;

    private static int? Retries(Instruction instruction)
    {
        if (instruction.Flags.LastOrDefault(f => f.Name == "retries")?.Value is not { Length: > 0 } text)
            return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var retries) || retries < 0)
            throw instruction.Error($"--retries=\"{text}\" is not a count; write a whole number such as 3");
        return retries;
    }
}
