namespace Nap.UnitGen.Rendering;

/// <summary>
/// One release of an app as a Swarm service (nap-APP-N), rendered twice: as `docker service create` arguments for
/// sysadmins (<see cref="SwarmCommand"/>) and as the engine's ServiceSpec by napd. Built by <see cref="SwarmRows"/>'s
/// table from the Dockerfile and the host's options; every value is already checked, so a mapper only copies.
/// </summary>
public sealed record SwarmService
{
    /// <summary>nap-APP-N (N = release; nap-APP without one): Swarm's rule, letters, digits, '-' and '_', at most 63.</summary>
    public required string Name { get; init; }

    /// <summary>What the nodes pull: napd passes REGISTRY/APP:DATED_TAG.</summary>
    public required string Image { get; init; }

    public int Replicas { get; init; } = 1;

    /// <summary>On the service (nap.app, nap.release), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>On each task's container: the same as <see cref="Labels"/>, so `docker ps` on a node finds the app.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ContainerLabels { get; init; } = [];

    /// <summary>The app's config. The CLI reads it on the sysadmin's machine; napd reads it itself into <c>Env</c> for the API.</summary>
    public string? EnvFile { get; init; }

    /// <summary>Variables besides the env file (PORT), applied after it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>tini as PID 1 (ContainerSpec.Init), as the run unit's --init.</summary>
    public bool Init { get; init; }

    public string? User { get; init; }

    /// <summary>As written in STOPSIGNAL ("SIGTERM", "9"); the engine reads both.</summary>
    public string? StopSignal { get; init; }

    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Null: the image's own HEALTHCHECK, or none.</summary>
    public SwarmHealth? Health { get; init; }

    public IReadOnlyList<SwarmMount> Mounts { get; init; } = [];

    /// <summary>Host-mode ports: each task's published port is the engine's pick unless one is given.</summary>
    public IReadOnlyList<SwarmPort> PublishedTargets { get; init; } = [];

    public SwarmLimits Limits { get; init; } = SwarmLimits.None;

    /// <summary>Placement constraints in Swarm's grammar (node.labels.K==V, node.role==manager), each checked.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>The app's own network (nap-APP, an overlay napd creates); null: the engine's default.</summary>
    public string? Network { get; init; }

    public string LogDriver { get; init; } = "journald";

    /// <summary>Swarm's restart condition: none, on-failure or any.</summary>
    public string RestartCondition { get; init; } = "any";

    /// <summary>Lines napd prints at push and the CLI prints as comments (the volume pin); printable, one line each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
