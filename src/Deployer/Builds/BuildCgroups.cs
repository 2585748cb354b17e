using Nap.Deployer.Apps;

namespace Nap.Deployer.Builds;

/// <summary>
/// A build unit's cgroup as the engine names it, for BuildKit's --cgroup-parent: a path from the cgroup mount's root.
/// systemd names units' groups from its own root, which is not the mount's when the host runs nested (the test hosts:
/// cgroup v1 and the outer host's cgroup namespace, systemd under /docker/HOSTID). napd runs in system.slice as
/// the build units do, so what its own group has before "/system.slice/" is that root, and empty on a real host.
/// </summary>
public sealed class BuildCgroups
{
    const string SystemSlice = "/system.slice/";

    readonly string? root = RootOf(ReadOwn());

    /// <summary>Null when napd runs outside system.slice (by hand, in a test): no unit of its own to reckon from.</summary>
    public string? Of(string app) => root is null ? null : $"{root}/system.slice/{ReleaseNames.BuildUnit(app)}";

    /// <summary>From /proc/self/cgroup: the pids hierarchy's line on cgroup v1 (the limit that matters), else v2's "0::".</summary>
    public static string? RootOf(IReadOnlyList<string> lines)
    {
        var paths = lines.Select(l => l.Split(':', 3)).Where(f => f.Length == 3).ToArray();
        var path = paths.FirstOrDefault(f => f[1].Split(',').Contains("pids"))?[2]
            ?? paths.FirstOrDefault(f => f[0] == "0" && f[1] == "")?[2];
        var at = path?.IndexOf(SystemSlice, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : path![..at];
    }

    static string[] ReadOwn()
    {
        try
        {
            return File.ReadAllLines("/proc/self/cgroup");
        }
        catch (IOException)
        {
            return [];
        }
    }
}
