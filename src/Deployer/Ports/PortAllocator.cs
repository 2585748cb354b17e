namespace Nap.Deployer.Ports;

/// <summary>
/// Picks ports for apps (stable, nginx listens there) and releases (ephemeral, the container
/// publishes on 127.0.0.1). napd is the only allocator on the host, so besides asking the
/// kernel it remembers what it handed out and not yet saw recorded, which closes the race
/// between two deploys that probe before either container binds.
/// </summary>
public sealed class PortAllocator(PortRange appPorts, PortRange releasePorts, Func<int, bool>? isFree = null)
{
    readonly Func<int, bool> isFree = isFree ?? PortProbe.IsFree;
    readonly HashSet<int> handedOut = [];
    readonly Lock gate = new();

    public PortRange AppPorts => appPorts;
    public PortRange ReleasePorts => releasePorts;

    /// <summary>
    /// The app's public port. An app that has one keeps it (nginx holds it, so it cannot be probed).
    /// A new app gets a free port that no other app has recorded.
    /// </summary>
    /// <param name="recorded">Every port some app has recorded (app ports and release ports).</param>
    public int ForApp(string app, int? current, IReadOnlySet<int> recorded) =>
        current ?? Pick(appPorts, Start(app, appPorts), recorded, [])
        ?? throw new PortsExhaustedException($"no free port left in appPorts {appPorts}: widen it in napd.json");

    /// <summary>
    /// A port for a new release of the app, never one of <paramref name="running"/> (the old release
    /// keeps serving on its own port until the switch). The app's earlier release ports come first,
    /// so an app alternates between two ports while they stay free.
    /// </summary>
    public int ForRelease(string app, IReadOnlyList<int> earlier, IReadOnlySet<int> running, IReadOnlySet<int> recorded) =>
        Pick(releasePorts, Start(app, releasePorts), recorded.Except(earlier).Union(running).ToHashSet(), earlier)
        ?? throw new PortsExhaustedException($"no free port left in releasePorts {releasePorts}: widen it in napd.json");

    /// <summary>Forgets a port handed out, once it is recorded in the app's state or the deploy gave up.</summary>
    public void Release(int port)
    {
        lock (gate)
            handedOut.Remove(port);
    }

    int? Pick(PortRange range, int start, IReadOnlySet<int> taken, IEnumerable<int> preferred)
    {
        var scan = Enumerable.Range(0, range.Count).Select(i => range.First + (start - range.First + i) % range.Count);
        lock (gate)
        {
            foreach (var port in preferred.Where(range.Contains).Concat(scan))
            {
                if (taken.Contains(port) || handedOut.Contains(port) || !isFree(port))
                    continue;
                handedOut.Add(port);
                return port;
            }
        }
        return null;
    }

    // Each app starts its search at its own place, so apps rarely probe the same ports.
    static int Start(string app, PortRange range)
    {
        var hash = 17u;
        foreach (var c in app)
            hash = unchecked(hash * 31 + c);
        return range.First + (int)(hash % (uint)range.Count);
    }
}
