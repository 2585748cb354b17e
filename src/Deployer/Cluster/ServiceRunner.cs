using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Health;
using Nap.Deployer.Settings;
using Nap.Protocol;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Cluster;

/// <summary>
/// A release's Swarm service: rendered by UnitGen's swarm flavor, created with the registry's login so every node can
/// pull, waited for with a bound (a task no node can take, or one a node refused, ends the wait in one line), and each
/// task behind napd's own health gate at NODE_ADDR:PUBLISHED_PORT, as an instance on one host is at 127.0.0.1:PORT.
/// </summary>
public sealed class ServiceRunner(NapdConfig config, NapPaths paths, ISwarm swarm, HealthChecker health, TimeProvider clock)
{
    /// <summary>How long tasks may stay unplaced because no node matches their constraints: the engine would wait forever.</summary>
    public static readonly TimeSpan NoNodeWait = TimeSpan.FromSeconds(10);

    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <exception cref="ClusterException">The Dockerfile or the options cannot make a service.</exception>
    public SwarmService Render(AppState app, ClusterRelease release)
    {
        var options = new UnitOptions
        {
            App = app.Name,
            Revision = release.Revision,
            ContextDir = paths.Release(app.Name, release.Number),
            Image = release.RemoteImage,
            Flavor = UnitFlavor.Swarm,
            EnvFile = paths.AppEnv(app.Name),
            DataDir = paths.App(app.Name),
            Memory = app.Resources.MemoryUnder(config.Limits),
            Cpus = app.Resources.Cpus,
            PidsLimit = config.Limits.PidsPerContainer,
            Network = ServiceNames.Network(app.Name),
            Release = release.Number,
            Replicas = release.Replicas,
        };
        try
        {
            return UnitRenderer.RenderSwarm(release.Config, options);
        }
        catch (RenderException e)
        {
            throw new ClusterException(e.Message);
        }
    }

    /// <summary>Creates the service and waits until all its tasks run and answer; the caller removes it when this throws.</summary>
    /// <returns>Where its tasks run, in slot order.</returns>
    /// <exception cref="ClusterException">Why it did not come up, in one line.</exception>
    public async Task<IReadOnlyList<TaskPlace>> StartAsync(string app, SwarmService service, RegistryLogin login, HealthGate gate, CancellationToken ct)
    {
        // The engine refuses a bind source that does not exist; the VOLUME pin puts the tasks on this host.
        foreach (var mount in service.Mounts)
            Directory.CreateDirectory(mount.Source);
        try
        {
            if (service.Network is { } network)
                await swarm.EnsureOverlayAsync(network, app, ct);
            await swarm.CreateServiceAsync(ServiceSpecs.From(service, EnvFile.Read(paths.AppEnv(app))), login, ct);
        }
        catch (Exception e) when (e is DockerSwarmException or DockerNetworkException)
        {
            throw new ClusterException(e.Message);
        }
        var running = await WaitRunningAsync(service.Name, service.Replicas, service.Constraints, new HashSet<string>(StringComparer.Ordinal), ct);
        await GateAsync(service.Name, running, gate, ct);
        return running;
    }

    /// <summary>
    /// Until <paramref name="replicas"/> tasks run on ready nodes with a published port. Tasks in <paramref name="known"/>
    /// (a scale's earlier ones) are not this wait's failures.
    /// </summary>
    /// <exception cref="ClusterException">A task failed or was rejected (a node that cannot pull), no node matched for <see cref="NoNodeWait"/>, or the health timeout passed.</exception>
    public async Task<IReadOnlyList<TaskPlace>> WaitRunningAsync(string service, int replicas, IReadOnlyList<string> constraints, IReadOnlySet<string> known, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        DateTimeOffset? unplaced = null;
        while (true)
        {
            var tasks = await swarm.ServiceTasksAsync(service, ct);
            var nodes = await swarm.NodesAsync(ct);
            if (tasks.FirstOrDefault(t => t.State is "failed" or "rejected" && !known.Contains(t.Id)) is { } failed)
                throw new ClusterException($"task {Slot(failed.Slot)} of {service} on {NodeName(nodes, failed.NodeId)} {failed.State}: {OneLine(failed.Error ?? "the engine gave no reason")}");
            var places = TaskPlace.Of(tasks, nodes);
            var serving = TaskPlace.Serving(places);
            if (serving.Count >= replicas)
                return serving;
            var now = clock.GetUtcNow();
            if (places.FirstOrDefault(p => p.State == "pending" && p.Error?.Contains("no suitable node", StringComparison.Ordinal) == true) is { } stuck)
            {
                unplaced ??= now;
                if (now - unplaced > NoNodeWait)
                    throw new ClusterException(constraints.Count == 0
                        ? $"no node can take the tasks of {service}: {OneLine(stuck.Error!)}"
                        : $"no node matches the constraint {string.Join(" and ", constraints)} of {service}: {OneLine(stuck.Error!)}");
            }
            else
                unplaced = null;
            if (now - started > config.HealthTimeout)
                throw new ClusterException($"{serving.Count} of {replicas} tasks of {service} run after {config.HealthTimeout.TotalSeconds:0} s: "
                    + string.Join(", ", places.Select(p => $"task {Slot(p.Slot)} {p.State}{(p.Error is { } e ? $" ({OneLine(e)})" : "")}")));
            await Task.Delay(Poll, clock, ct);
        }
    }

    /// <summary>
    /// napd's own gate per task, all at once: with a HEALTHCHECK the engine says "running" only once healthy, and
    /// app.json's checks (when it names any) follow.
    /// </summary>
    /// <exception cref="ClusterException">A task did not answer: which, where, and what was last seen.</exception>
    public async Task GateAsync(string service, IReadOnlyList<TaskPlace> places, HealthGate gate, CancellationToken ct)
    {
        if (gate.HasHealthCheck && gate.Checks.Count == 0)
            return;
        var verdicts = await Task.WhenAll(places.Select(async place =>
            (place, await health.WaitForAnswerAsync(place.Endpoint!, gate.Checks, config.HealthTimeout, Stopped(service, place.Id), ct))));
        if (verdicts.FirstOrDefault(v => !v.Item2.Healthy) is ({ } sick, { } verdict))
            throw new ClusterException($"task {Slot(sick.Slot)} of {service} on {sick.Node} ({sick.Endpoint}) is not healthy: {verdict.Detail}"
                + (verdict.NoAnswer && sick.ListenPort > 0 ? HealthChecker.ListenHint(sick.ListenPort) : ""));
    }

    /// <summary>The service's tasks where they are now (ps, the follower).</summary>
    public async Task<IReadOnlyList<TaskPlace>> PlacesAsync(string service, CancellationToken ct) =>
        TaskPlace.Of(await swarm.ServiceTasksAsync(service, ct), await swarm.NodesAsync(ct));

    /// <summary>
    /// `stop`: the service keeps its spec with no task, and napd waits (as systemd's stop does) until its tasks have
    /// ended, at most their grace period and a little more; an engine that does not answer leaves it to the next change.
    /// </summary>
    public async Task StopAsync(string service, TimeSpan grace)
    {
        try
        {
            if (!await swarm.ScaleServiceAsync(service, 0, null, CancellationToken.None))
                return;
            var until = clock.GetUtcNow() + grace + TimeSpan.FromSeconds(5);
            while ((await swarm.ServiceTasksAsync(service, CancellationToken.None)).Any(t => t.IsLive)
                && clock.GetUtcNow() < until)
                await Task.Delay(Poll, clock);
        }
        catch (DockerSwarmException)
        {
            // Gone already, or the engine left the swarm: nothing of it runs either way.
        }
    }

    /// <summary>Removes the service; one that is gone or an engine that does not answer is left (the next release or destroy tries again).</summary>
    public async Task RemoveQuietlyAsync(string service)
    {
        try
        {
            await swarm.RemoveServiceAsync(service, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
        }
    }

    Func<CancellationToken, Task<string?>> Stopped(string service, string task) =>
        async ct => (await swarm.ServiceTasksAsync(service, ct)).Any(t => t.Id == task && t.State == "running") ? null : "the task stopped running";

    static string NodeName(IReadOnlyList<SwarmNode> nodes, string? id) =>
        nodes.FirstOrDefault(n => n.Id == id)?.Hostname is { Length: > 0 } name ? name : id ?? "no node";

    static string Slot(long slot) => slot.ToString(CultureInfo.InvariantCulture);

    static string OneLine(string text) => Untrusted.Printable(text.ReplaceLineEndings(" ").Trim());
}
