using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// The translation TABLE (Quadlet's model): where each docker run flag comes from, in the
/// order the flags appear. WORKDIR, ENV, LABEL, ENTRYPOINT and CMD have no row: the image
/// already carries them, and repeating them could only drift from it.
/// </summary>
static class RunFlags
{
    public static readonly IReadOnlyList<(string From, Func<UnitPlan, IEnumerable<ExecArg>> Flags)> Table =
    [
        ("nap: one named container, removed on exit", p => ["--rm", "--name", p.ContainerName]),
        ("nap: tini as PID 1 (LABEL nap.init=false: none)", InitFlag.For),
        ("EXPOSE / publish options", PublishFlags.For),
        ("the app's config", p => p.Options.EnvFile is { } file ? ["--env-file", file] : []),
        ("web port (Heroku's PORT)", p => ["-e", $"PORT={p.WebPort}"]),
        ("VOLUME", VolumeFlags.For),
        // FLAG=VALUE for the Dockerfile's strings: a value starting with '-' cannot pass for a flag.
        ("USER", p => p.Image.User is { } user ? [$"--user={user}"] : []),
        ("STOPSIGNAL", p => p.Image.StopSignal is { } signal ? [$"--stop-signal={signal}"] : []),
        ("HEALTHCHECK", HealthFlags.For),
        ("nap: labels", p => ["--label", $"nap.app={p.App}", "--label", Release(p)]),
        // Resource limits come from the app's owner, so they get FLAG=VALUE too.
        ("memory option", p => p.Options.Memory is { } memory ? [$"--memory={memory}"] : []),
        ("cpus option", p => p.Options.Cpus is { } cpus ? [$"--cpus={cpus}"] : []),
        // A fork bomb in one app must not take every process slot of the host.
        ("pids limit option", p => p.Options.PidsLimit is { } pids ? [$"--pids-limit={pids}"] : []),
        // The app's own bridge: its containers reach each other, another app's only through a published address.
        ("network option", p => p.Options.Network is { } network ? [$"--network={network}"] : []),
        // The unit's stdout is the log: journald keeps it under the unit's name, so a second
        // copy in docker's json-file (unrotated by default) would only fill the disk.
        ("nap: logs through the unit", _ => ["--log-driver=none"]),
    ];

    public static IEnumerable<ExecArg> For(UnitPlan plan) => Table.SelectMany(row => row.Flags(plan));

    static ExecArg Release(UnitPlan plan) =>
        plan.Template ? ExecArg.Template("nap.release=%i") : $"nap.release={plan.Options.Revision}";
}
