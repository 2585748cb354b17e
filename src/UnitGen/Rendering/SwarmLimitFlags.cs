using System.Globalization;

namespace Nap.UnitGen.Rendering;

/// <summary>The memory, cpus and pids options as the engine's limits (bytes, nano CPUs, processes) and back as flags.</summary>
static class SwarmLimitFlags
{
    public static SwarmLimits For(UnitPlan plan) => new(
        plan.Options.Memory is { } memory ? DockerUnits.Bytes(memory) : null,
        plan.Options.Cpus is { } cpus ? DockerUnits.NanoCpus(cpus) : null,
        plan.Options.PidsLimit);

    // --limit-pids is API 1.41's (annotated so in 20.10's opts.go): docker 20.10 on, which is what nap installs.
    public static IEnumerable<string> Flags(SwarmLimits limits)
    {
        if (limits.MemoryBytes is { } bytes)
            yield return $"--limit-memory={DockerUnits.Size(bytes)}";
        if (limits.NanoCpus is { } nano)
            yield return $"--limit-cpu={DockerUnits.Cpus(nano)}";
        if (limits.Pids is { } pids)
            yield return $"--limit-pids={pids.ToString(CultureInfo.InvariantCulture)}";
    }
}
