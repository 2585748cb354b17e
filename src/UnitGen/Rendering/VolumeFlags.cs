using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// docker run -v: each VOLUME gets a host directory that outlives releases. -v rather than
/// --mount because -v creates the host directory on first use.
/// </summary>
static class VolumeFlags
{
    public static IEnumerable<ExecArg> For(UnitPlan plan) =>
        plan.Image.Volumes.Distinct().SelectMany(path => new ExecArg[] { "-v", $"{HostDir(plan, path)}:{path}" });

    /// <summary>The host directory that keeps a VOLUME's data across releases (and on a cluster, on the manager).</summary>
    public static string HostDir(UnitPlan plan, string path) => $"{plan.DataDir}/volumes/{VolumeName.For(Checked(path))}";

    // -v splits on ':', so a path with one would mount somewhere else or set mount options. A Swarm service's
    // --mount would take it, but an app's VOLUME should mean the same on one host and on a cluster.
    static string Checked(string path) =>
        path.Contains(':') || !path.StartsWith('/')
            ? throw new RenderException($"VOLUME \"{Nap.Protocol.Untrusted.Printable(path)}\" cannot be mounted with docker run -v: use an absolute path without ':'")
            : path;
}
