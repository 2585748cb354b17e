using System.Globalization;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// Where a task is reached: the web port (or the publish options) in host mode, as --publish writes it. Every value is a
/// number or a protocol nap checked, so the CSV record docker/cli reads (opts/port.go) needs no quoting.
/// </summary>
static class SwarmPorts
{
    public static IReadOnlyList<SwarmPort> For(UnitPlan plan) =>
        plan.Options.Publish.Count == 0
            ? [new SwarmPort(plan.WebPort)]
            : [.. plan.Options.Publish.Select(m => m.HostIp is null
                ? new SwarmPort(m.ContainerPort, m.Protocol, m.HostPort)
                : throw new RenderException($"port {m.HostIp}:{m.HostPort}:{m.ContainerPort}: a Swarm service publishes on every address of its node, drop the IP"))];

    public static string Flag(SwarmPort port)
    {
        var spec = $"mode=host,target={Number(port.Target)}";
        if (port.Protocol != "tcp")
            spec += $",protocol={port.Protocol}";
        if (port.Published is { } published)
            spec += $",published={Number(published)}";
        return $"--publish={spec}";
    }

    static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
