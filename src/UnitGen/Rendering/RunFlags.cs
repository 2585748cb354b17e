using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// The translation TABLE (Quadlet's model): where each docker run flag comes from, in the
/// order the flags appear. WORKDIR, ENV, LABEL, ENTRYPOINT and CMD have no row: the image
/// already carries them, and repeating them could only drift from it.
/// <c>Step</c> marks the rows a pipeline step's container shares with the run unit (<see cref="StepRun"/>): the
/// app's user, config, volumes, limits and network, so a step has no more than the app's own container has.
/// </summary>
static class RunFlags
{
    public static readonly IReadOnlyList<(string From, bool Step, Func<UnitPlan, IEnumerable<ExecArg>> Flags)> Table =
    [
        ("nap: one named container, removed on exit", false, p => ["--rm", "--name", p.ContainerName]),
        ("nap: tini as PID 1 (LABEL nap.init=false: none)", true, InitFlag.For),
        ("EXPOSE / publish options", false, PublishFlags.For),
        ("the app's config", true, p => p.Options.EnvFile is { } file ? ["--env-file", file] : []),
        ("web port (Heroku's PORT)", true, p => ["-e", $"PORT={p.WebPort}"]),
        ("VOLUME", true, VolumeFlags.For),
        // FLAG=VALUE for the Dockerfile's strings: a value starting with '-' cannot pass for a flag.
        ("USER", true, p => p.Image.User is { } user ? [$"--user={user}"] : []),
        ("STOPSIGNAL", false, p => p.Image.StopSignal is { } signal ? [$"--stop-signal={signal}"] : []),
        ("HEALTHCHECK", false, HealthFlags.For),
        ("nap: labels", false, p => ["--label", $"nap.app={p.App}", "--label", Release(p)]),
        // Resource limits come from the app's owner, so they get FLAG=VALUE too.
        ("memory option", true, p => p.Options.Memory is { } memory ? [$"--memory={memory}"] : []),
        ("cpus option", true, p => p.Options.Cpus is { } cpus ? [$"--cpus={cpus}"] : []),
        // A fork bomb in one app must not take every process slot of the host.
        ("pids limit option", true, p => p.Options.PidsLimit is { } pids ? [$"--pids-limit={pids}"] : []),
        // The app's own bridge: its containers reach each other, another app's only through a published address.
        ("network option", true, p => p.Options.Network is { } network ? [$"--network={network}"] : []),
        // The unit's stdout is the log: journald keeps it under the unit's name, so a second
        // copy in docker's json-file (unrotated by default) would only fill the disk.
        ("nap: logs through the unit", true, _ => ["--log-driver=none"]),
    ];

    public static IEnumerable<ExecArg> For(UnitPlan plan) => Table.SelectMany(row => row.Flags(plan));

    /// <summary>The rows a step shares with the run unit, in the same order.</summary>
    public static IEnumerable<ExecArg> ForStep(UnitPlan plan) => Table.Where(row => row.Step).SelectMany(row => row.Flags(plan));

    static ExecArg Release(UnitPlan plan) =>
        plan.Template ? ExecArg.Template("nap.release=%i") : $"nap.release={plan.Options.Revision}";
}
