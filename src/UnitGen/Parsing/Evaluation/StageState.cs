using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>The stage being dispatched: its config so far, plus what Docker tracks only while building it.</summary>
internal sealed class StageState(int index, string? name, string? platform, ImageConfig config)
{
    public int Index { get; } = index;
    public string? Name { get; } = name;
    public string? Platform { get; } = platform;
    public ImageConfig Config { get; set; } = config;

    /// <summary>ARGs declared in this stage; a null value is declared but unset.</summary>
    public Dictionary<string, string?> Args { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether this stage (not one it is built FROM) set CMD: only then does a later ENTRYPOINT keep it.</summary>
    public bool CmdSet { get; set; }

    public List<BuildStep> Steps { get; } = [];

    // An ENV always wins over an ARG of the same name, whatever their order.
    public string? Lookup(string name)
    {
        foreach (var env in Config.Env)
            if (env.Key == name)
                return env.Value;
        return Args.GetValueOrDefault(name);
    }

    public BuildStage ToStage() => new()
    {
        Index = Index,
        Name = Name,
        Platform = Platform,
        Config = Config.WithCommand(CommandLine.Combine(Config)),
        Steps = Steps.ToList(),
    };
}
