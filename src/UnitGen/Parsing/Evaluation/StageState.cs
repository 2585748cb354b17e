using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>The stage being dispatched: its config so far, plus what Docker tracks only while building it.</summary>
internal sealed class StageState(int index, int line, string? name, string? platform, ImageConfig config)
{
    public int Index { get; } = index;
    public int Line { get; } = line;
    public string? Name { get; } = name;
    public string? Platform { get; } = platform;
    public ImageConfig Config { get; set; } = config;

    /// <summary>ARGs declared in this stage; a null value is declared but unset.</summary>
    public Dictionary<string, string?> Args { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether this stage (not one it is built FROM) set CMD: only then does a later ENTRYPOINT keep it.</summary>
    public bool CmdSet { get; set; }

    public List<BuildStep> Steps { get; } = [];

    public List<ImageReference> References { get; } = [];

    /// <summary>This stage's ONBUILD instructions: a stage built FROM this one runs them first.</summary>
    public List<Instruction> Triggers { get; } = [];

    /// <summary>
    /// PATH as docker build assumes it when no ENV of this Dockerfile set it. The base image's real
    /// environment is unknown here (nap does not pull), and PATH is the one variable Dockerfiles extend.
    /// </summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    // An ENV always wins over an ARG of the same name, whatever their order.
    public string? Lookup(string name)
    {
        var value = Value(name);
        if (value is null)
            Unresolved.Add(name);
        return value;
    }

    /// <summary>What <see cref="Lookup"/> finds, without noting a name it does not know (for a reading docker may not even do).</summary>
    public string? Value(string name)
    {
        foreach (var env in Config.Env)
            if (env.Key == name)
                return env.Value;
        if (Args.TryGetValue(name, out var arg) && arg is not null)
            return arg;
        return name == "PATH" ? DefaultPath : null;
    }

    /// <summary>Names looked up without a value: the base image's environment may define them.</summary>
    public HashSet<string> Unresolved { get; } = new(StringComparer.Ordinal);

    public BuildStage ToStage() => new()
    {
        Index = Index,
        Line = Line,
        Name = Name,
        Platform = Platform,
        Config = Config.WithCommand(CommandLine.Combine(Config)) with
        {
            UnresolvedVariables = Config.UnresolvedVariables.Union(Unresolved.Order(StringComparer.Ordinal)).ToList(),
        },
        Steps = Steps.ToList(),
        References = References.ToList(),
    };
}
