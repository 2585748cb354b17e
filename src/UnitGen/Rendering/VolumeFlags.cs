using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// docker run -v: each VOLUME gets a host directory that outlives releases. -v rather than
/// --mount because -v creates the host directory on first use.
/// </summary>
static class VolumeFlags
{
    public static IEnumerable<ExecArg> For(UnitPlan plan) =>
        plan.Image.Volumes.Distinct().SelectMany(path => new ExecArg[] { "-v", $"{plan.DataDir}/volumes/{VolumeName.For(Checked(path))}:{path}" });

    // -v splits on ':', so a path with one would mount somewhere else or set mount options.
    static string Checked(string path) =>
        path.Contains(':') || !path.StartsWith('/')
            ? throw new RenderException($"VOLUME \"{path}\" cannot be mounted with docker run -v: use an absolute path without ':'")
            : path;
}
