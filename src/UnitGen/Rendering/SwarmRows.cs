using System.Globalization;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// The swarm flavor's translation TABLE (as <see cref="RunFlags"/>, Quadlet's model): each row says where a part of
/// the service comes from, sets it on the model, and writes it back as `docker service create` flags, in the order
/// the flags appear. The flags are those of docker/cli 20.10's cli/command/service/opts.go (addServiceFlags) and
/// create.go, the CLI of the engine nap drives (API 1.41); each is FLAG=VALUE, so no value can pass for a flag.
/// WORKDIR, ENV, LABEL, ENTRYPOINT and CMD have no row: the image carries them, as for the run unit.
/// </summary>
static class SwarmRows
{
    public static readonly IReadOnlyList<(string From, Func<UnitPlan, SwarmService, SwarmService> Apply, Func<SwarmService, IEnumerable<string>> Flags)> Table =
    [
        // One service per release, switched in nginx (DESIGN.md): napd's own gate waits for the tasks, not the CLI.
        ("nap: one service per release, napd's gate waits for it", (_, s) => s, _ => ["--detach", "--with-registry-auth"]),
        ("nap: service nap-APP-N", (p, s) => s with { Name = p.ServiceName }, s => [$"--name={s.Name}"]),
        ("replicas option (ps:scale)", (p, s) => s with { Replicas = p.Options.Replicas }, s => [$"--replicas={N(s.Replicas)}"]),
        ("nap: labels", (p, s) => s with { Labels = Labels(p) }, s => s.Labels.Select(l => $"--label={l.Key}={l.Value}")),
        ("nap: the same labels on each task's container", (p, s) => s with { ContainerLabels = Labels(p) }, s => s.ContainerLabels.Select(l => $"--container-label={l.Key}={l.Value}")),
        ("nap: tini as PID 1 (LABEL nap.init=false: none)", (p, s) => s with { Init = InitFlag.For(p).Any() }, s => s.Init ? ["--init"] : []),
        // Host mode, the engine's pick of port: nginx on the primary reaches each task at NODE_ADDR:PUBLISHED_PORT.
        ("web port / publish options", (p, s) => s with { PublishedTargets = SwarmPorts.For(p) }, s => s.PublishedTargets.Select(SwarmPorts.Flag)),
        ("the app's config", (p, s) => s with { EnvFile = p.Options.EnvFile }, s => s.EnvFile is { } file ? [$"--env-file={file}"] : []),
        ("web port (Heroku's PORT)", (p, s) => s with { Env = [new("PORT", N(p.WebPort))] }, s => s.Env.Select(e => $"--env={e.Key}={e.Value}")),
        ("VOLUME: bind mounts at the single host's paths", (p, s) => s with { Mounts = SwarmVolumes.Mounts(p) }, s => s.Mounts.Select(SwarmVolumes.Flag)),
        ("USER", (p, s) => s with { User = p.Image.User }, s => s.User is { } user ? [$"--user={user}"] : []),
        ("STOPSIGNAL", (p, s) => s with { StopSignal = p.Image.StopSignal }, s => s.StopSignal is { } signal ? [$"--stop-signal={signal}"] : []),
        ("stop timeout option", (p, s) => s with { StopGracePeriod = TimeSpan.FromSeconds(p.Options.StopTimeoutSeconds) }, s => [$"--stop-grace-period={GoDuration.Format(s.StopGracePeriod)}"]),
        ("HEALTHCHECK", (p, s) => s with { Health = SwarmHealthFlags.For(p) }, s => SwarmHealthFlags.Flags(s.Health)),
        ("memory, cpus and pids limit options", (p, s) => s with { Limits = SwarmLimitFlags.For(p) }, s => SwarmLimitFlags.Flags(s.Limits)),
        ("network option (nap-APP, the app's own overlay)", (p, s) => s with { Network = p.Options.Network }, s => s.Network is { } network ? [$"--network={network}"] : []),
        ("LABEL nap.constraint, constraint options, MachineMetadata, VOLUME's pin", (p, s) => s with { Constraints = Constraints(p) }, s => s.Constraints.Select(c => $"--constraint={c}")),
        ("nap: tasks restart whatever ended them", (_, s) => s with { RestartCondition = "any" }, s => [$"--restart-condition={s.RestartCondition}"]),
        // Each node's journal keeps its tasks' output, as the single host's keeps the unit's.
        ("nap: logs in each node's journal", (_, s) => s with { LogDriver = "journald" }, s => [$"--log-driver={s.LogDriver}"]),
        ("VOLUME: the pin, said at push", (p, s) => s with { Notes = SwarmVolumes.Notes(p) }, _ => []),
    ];

    public static SwarmService Service(UnitPlan plan)
    {
        var service = Table.Aggregate(new SwarmService { Name = plan.ServiceName, Image = plan.ImageTag }, (service, row) => row.Apply(plan, service));
        // No argv word can carry a NUL: refused here, not by exec halfway through a push.
        return Arguments(service).Any(word => word.Contains('\0'))
            ? throw new RenderException("a value cannot be passed to docker service create: it holds a NUL character")
            : service;
    }

    /// <summary>`docker service create`'s words after "docker", the image last.</summary>
    public static IReadOnlyList<string> Arguments(SwarmService service) =>
        ["service", "create", .. Table.SelectMany(row => row.Flags(service)), service.Image];

    static IReadOnlyList<KeyValuePair<string, string>> Labels(UnitPlan plan) =>
        [new("nap.app", plan.App), new("nap.release", plan.Options.Release is { } release ? N(release) : plan.Options.Revision)];

    static IReadOnlyList<string> Constraints(UnitPlan plan) =>
        [.. SwarmConstraints.FromLabel(plan)
            .Concat(SwarmConstraints.FromOptions(plan))
            .Concat(SwarmConstraints.FromMachineMetadata(plan))
            .Concat(SwarmVolumes.Pin(plan))
            .Distinct()];

    static string N(int number) => number.ToString(CultureInfo.InvariantCulture);
}
