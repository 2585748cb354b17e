namespace Nap.UnitGen.Rendering;

/// <summary>
/// A task's resource limits in the engine's units (Resources.Limits): bytes, billionths of a CPU, processes.
/// Pids is API 1.41's (docker 20.10 on): the CLI refuses --limit-pids against an older engine.
/// </summary>
public sealed record SwarmLimits(long? MemoryBytes = null, long? NanoCpus = null, long? Pids = null)
{
    public static SwarmLimits None { get; } = new();
}
