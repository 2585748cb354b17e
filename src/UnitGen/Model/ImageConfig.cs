namespace Nap.UnitGen.Model;

/// <summary>
/// What runs: the final stage of a Dockerfile, resolved the way `docker build` resolves it
/// (ARG/ENV substitution done, WORKDIR joined, ENTRYPOINT and CMD combined by Docker's rules).
/// This is what the unit renderers consume.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>The FROM of the last stage (after substitution), e.g. "local/busybox:latest".</summary>
    public required string BaseImage { get; init; }

    public IReadOnlyList<ExposedPort> Ports { get; init; } = [];

    /// <summary>ENV of the last stage (inherited from earlier stages it is built FROM), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>Absolute container paths from VOLUME.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>USER as written after substitution: "name", "uid", "name:group", "uid:gid"; null when unset.</summary>
    public string? User { get; init; }

    /// <summary>Absolute WORKDIR; null when the Dockerfile never sets one.</summary>
    public string? WorkDir { get; init; }

    /// <summary>The argv the container runs: ENTRYPOINT and CMD combined by Docker's rules; empty when neither is set.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    public IReadOnlyList<string> Entrypoint { get; init; } = [];
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>STOPSIGNAL as written ("SIGTERM", "9", "SIGRTMIN+3"); null when unset.</summary>
    public string? StopSignal { get; init; }

    /// <summary>HEALTHCHECK of the last stage; null when none, <see cref="HealthCheck.Disabled"/> for NONE.</summary>
    public HealthCheck? HealthCheck { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>SHELL in force at the end of the last stage.</summary>
    public IReadOnlyList<string> Shell { get; init; } = ["/bin/sh", "-c"];

    /// <summary>
    /// True when ENTRYPOINT was written in shell form: the shell then receives CMD's words as $0, $1...,
    /// which is why Docker says a shell-form ENTRYPOINT ignores CMD; <see cref="Command"/> leaves them out.
    /// </summary>
    public bool EntrypointIsShellForm { get; init; }

    /// <summary>ONBUILD triggers as written ("RUN make"); recorded, never executed here.</summary>
    public IReadOnlyList<string> OnBuild { get; init; } = [];

    /// <summary>
    /// Variables the Dockerfile substitutes but never defines (nor do the build args): the base image's
    /// environment may, and docker build sees it while nap does not pull the image. Values depending on
    /// them were computed as docker would with the variable empty, except <see cref="User"/>, left null.
    /// </summary>
    public IReadOnlyList<string> UnresolvedVariables { get; init; } = [];

    public ImageConfig WithEnv(IReadOnlyList<KeyValuePair<string, string>> env) => this with { Env = env };

    public ImageConfig WithLabels(IReadOnlyList<KeyValuePair<string, string>> labels) => this with { Labels = labels };

    public ImageConfig WithCommand(IReadOnlyList<string> command) => this with { Command = command };
}

public sealed record ExposedPort(int Port, string Protocol = "tcp")
{
    public override string ToString() => $"{Port}/{Protocol}";
}

public sealed record HealthCheck
{
    public static HealthCheck Disabled { get; } = new() { Test = [] , IsDisabled = true };

    public bool IsDisabled { get; init; }

    /// <summary>Docker's form: ["CMD", arg...] or ["CMD-SHELL", "command"].</summary>
    public IReadOnlyList<string> Test { get; init; } = [];

    public TimeSpan? Interval { get; init; }
    public TimeSpan? Timeout { get; init; }
    public TimeSpan? StartPeriod { get; init; }
    public TimeSpan? StartInterval { get; init; }
    public int? Retries { get; init; }
}
