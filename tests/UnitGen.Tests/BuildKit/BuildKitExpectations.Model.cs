using Nap.UnitGen.Model;
using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.BuildKit;

static partial class BuildKitExpectations
{
    /// <summary>What a model key names in the resolved Dockerfile: the last stage's config, its COPY/ADD steps, the stage names.</summary>
    private static object? ModelValue(string key, IReadOnlyList<BuildStage> stages)
    {
        var config = stages[^1].Config;
        return key switch
        {
            "base" => config.BaseImage,
            "env" => Pairs(config.Env),
            "label" => Pairs(config.Labels),
            "cmd" => config.Cmd,
            "entrypoint" => config.Entrypoint,
            "command" => config.Command,
            "shell" => config.Shell,
            "user" => config.User,
            "workdir" => config.WorkDir,
            "stopsignal" => config.StopSignal,
            "expose" => config.Ports.Select(p => p.ToString()),
            "volume" => config.Volumes,
            "onbuild" => config.OnBuild,
            "health" => Health(config.HealthCheck),
            "steps" => stages[^1].Steps.Where(s => s.Instruction != InstructionNames.Run).Select(s => new object?[] { s.Instruction, s.Sources, s.Destination }),
            "flags" => stages[^1].Steps.Select(s => Pairs(s.Flags)),
            "stages" => stages.Select(s => s.Name),
            _ => throw new Xunit.Sdk.XunitException($"no expectation is called {key}"),
        };
    }

    private static IEnumerable<string[]> Pairs(IEnumerable<KeyValuePair<string, string>> pairs) => pairs.Select(p => new[] { p.Key, p.Value });

    private static object? Health(HealthCheck? check) => check switch
    {
        null => null,
        { IsDisabled: true } => "NONE",
        _ => new { check.Test, check.Interval, check.Timeout, check.StartPeriod, check.StartInterval, check.Retries },
    };
}
