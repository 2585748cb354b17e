using Nap.Deployer.Settings;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Builds;

/// <summary>
/// Whether a build's lines show it meeting the build unit's limits: systemd reports neither to napd (a fork refused by
/// the pids controller fails in the step; on cgroup v1 an OOM kill is not the unit's result), the step's output does.
/// </summary>
public sealed record LimitSigns(bool ForkRefused = false, bool Killed = false)
{
    /// <summary>strerror(EAGAIN), which fork() returns at the pids limit; busybox and bash both print it.</summary>
    const string ForkFailure = "Resource temporarily unavailable";

    /// <summary>buildx's line for a step ended by SIGKILL, which the kernel's OOM killer sends.</summary>
    const string KilledStep = "did not complete successfully: exit code: 137";

    public LimitSigns Seen(string line) => this with
    {
        ForkRefused = ForkRefused || line.Contains(ForkFailure, StringComparison.Ordinal),
        Killed = Killed || line.Contains(KilledStep, StringComparison.Ordinal),
    };

    /// <summary>
    /// The limit a failed build met, as one line naming its setting; null when its lines show none, or when the steps
    /// ran outside the unit (docker 20.10), where a refused fork or a kill is not the unit's doing.
    /// </summary>
    public string? Explain(string failure, UnitOptions options, TenantLimits limits)
    {
        if (options.BuildCgroup is null)
            return null;
        if (ForkRefused)
            return $"a step could not start a process: a build may hold {limits.BuildTasks} at once ({TenantLimits.Name("buildTasks")})";
        // systemd ends the whole unit on an OOM kill it sees (cgroup v2, OOMPolicy=stop): then buildx prints nothing.
        if (options.BuildMemory is not null && (Killed || failure.Contains("(oom-kill", StringComparison.Ordinal)))
            return $"a step was killed, as the kernel does past the build's memory limit: a build may use {limits.BuildMemoryMegabytes} MB ({TenantLimits.Name("buildMemoryMegabytes")})";
        return null;
    }
}
