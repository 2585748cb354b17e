namespace Nap.UnitGen.Rendering;

/// <summary>What the host decides about an app's units; the Dockerfile decides the rest.</summary>
public sealed record UnitOptions
{
    /// <summary>A DNS label: it becomes unit, container and directory names.</summary>
    public required string App { get; init; }

    /// <summary>Full git sha or any string; the default image tag uses its first 12 characters.</summary>
    public required string Revision { get; init; }

    /// <summary>The docker build context.</summary>
    public required string ContextDir { get; init; }

    /// <summary>The Dockerfile when it is not CONTEXT/Dockerfile (docker build --file).</summary>
    public string? Dockerfile { get; init; }

    /// <summary>
    /// A BuildKit source policy (JSON) for the build: buildx reads the file named by EXPERIMENTAL_BUILDKIT_SOURCE_POLICY
    /// and the engine refuses any source it denies. napd's denies every URL and git repository (issue 21).
    /// </summary>
    public string? SourcePolicy { get; init; }

    /// <summary>
    /// The buildx plugin's binary, which the build unit then runs itself (`docker-buildx build`, buildx's standalone
    /// form): from docker 23 on, `docker build` is the docker CLI starting that plugin, about 0.2 s more per build.
    /// Null: `docker build` (docker 20.10 has BuildKit built in).
    /// </summary>
    public string? Buildx { get; init; }

    /// <summary>The tag the build unit gives, default nap/{App}:{Revision[..12]}; a template runs ${NAP_IMAGE} instead.</summary>
    public string? Image { get; init; }

    public UnitFlavor Flavor { get; init; } = UnitFlavor.Systemd;

    /// <summary>fleet's MachineMetadata= values, "key=value".</summary>
    public IReadOnlyList<string> MachineMetadata { get; init; } = [];

    /// <summary>Swarm flavor: placement constraints besides the Dockerfile's LABEL nap.constraint, e.g. node.labels.region==eu.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>Swarm flavor: how many tasks the release's service runs (ps:scale).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Empty: every EXPOSE on the same host port, or for a template the web port on 127.0.0.1:${NAP_PORT}.</summary>
    public IReadOnlyList<PortMapping> Publish { get; init; } = [];

    /// <summary>docker run --env-file: the app's config.</summary>
    public string? EnvFile { get; init; }

    /// <summary>Volumes live under {DataDir}/volumes/; "{App}" is replaced by the app name.</summary>
    public string DataDir { get; init; } = "/var/lib/nap/apps/{App}";

    /// <summary>Render nap-APP@.service (instance = release) instead of nap-APP.service.</summary>
    public bool Template { get; init; }

    /// <summary>Template only; may contain %i. Default {DataDir}/releases/%i/unit.env, which sets NAP_IMAGE and NAP_PORT.</summary>
    public string? InstanceEnvironmentFile { get; init; }

    /// <summary>docker run --memory, e.g. "512m".</summary>
    public string? Memory { get; init; }

    /// <summary>docker run --cpus, e.g. "1.5".</summary>
    public string? Cpus { get; init; }

    /// <summary>docker run --pids-limit: how many processes the container may hold.</summary>
    public int? PidsLimit { get; init; }

    /// <summary>docker run --network: a user-defined network of the app's own (napd: nap-APP), created by the host.</summary>
    public string? Network { get; init; }

    /// <summary>
    /// A token of the app's own (letters and digits) that keeps its build's caches apart from every other app's in the
    /// same engine: BuildKit's cache mounts live under {App}/{BuildScope} (BUILDKIT_CACHE_MOUNT_NS, explicit id= too),
    /// and each RUN step's cache key holds it (an /etc/hosts entry), so no build reuses a step another app ran. Null:
    /// the engine's shared caches, as a plain docker build has them.
    /// </summary>
    public string? BuildScope { get; init; }

    /// <summary>The build unit's TasksMax=: processes and threads the build may hold at once. Null: systemd's default.</summary>
    public int? BuildTasks { get; init; }

    /// <summary>The build unit's MemoryMax=, e.g. "4096M". Null: none.</summary>
    public string? BuildMemory { get; init; }

    /// <summary>
    /// The build unit's own cgroup as the engine sees it (from the cgroup mount's root), e.g.
    /// /system.slice/nap-web-build.service: BuildKit (docker 23 and later) then runs the RUN steps below it, where the
    /// unit's limits hold them and its stop ends them; by default they run in a cgroup of the engine's, unbounded.
    /// Null: the engine's default (docker 20.10's BuildKit has no other).
    /// </summary>
    public string? BuildCgroup { get; init; }

    public int StopTimeoutSeconds { get; init; } = 10;

    /// <summary>org.opencontainers.image.source, e.g. the repository URL.</summary>
    public string? Source { get; init; }

    /// <summary>org.opencontainers.image.created; injectable so goldens stay stable.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>More names the build gives the image (docker build -t), e.g. napd's dated nap/APP:YYYYMMDD-HHMMSS-REV7.</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    /// <summary>The release the image is built for: its nap.release label. Null: no such label (a plain unitgen run).</summary>
    public int? Release { get; init; }

    /// <summary>The port the app serves HTTP on, passed as PORT; default the first tcp EXPOSE, else 5000.</summary>
    public int? WebPort { get; init; }

    public UnitOptions WithFlavor(UnitFlavor flavor) => this with { Flavor = flavor };
    public UnitOptions WithTemplate(bool template = true) => this with { Template = template };
    public UnitOptions WithPublish(params PortMapping[] publish) => this with { Publish = publish };
}
