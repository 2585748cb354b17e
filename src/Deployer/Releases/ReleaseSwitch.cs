using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Instances;
using Nap.Deployer.Ports;
using Nap.Deployer.Routing;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>
/// Blue/green: the new release starts beside the old one on its own ports, must pass the health gate, then
/// nginx's upstream moves to it, the old one drains and stops (<see cref="Rollout"/>). Until nginx moves, any
/// failure or a client gone leaves the old release serving and nginx untouched.
/// </summary>
public sealed class ReleaseSwitch(
    AppStateStore store, PortAllocator ports, Retirements retirements, Rollout rollout, ReleaseFinish finish, ClusterMode cluster, ClusterSwitch clusterSwitch, TimeProvider clock)
{
    /// <returns>0 when the release went live, 1 when it failed (told to the client, recorded, cleaned up).</returns>
    public async Task<int> GoLiveAsync(ReleasePlan plan, string key, IReplyWriter reply, CancellationToken ct)
    {
        // On a Swarm manager with a registry the release is a service across the nodes (docs/DESIGN.md, "Apps on a cluster").
        if (await cluster.RegistryAsync(ct) is { } registry)
            return await clusterSwitch.GoLiveAsync(plan, registry, key, reply, ct);
        await retirements.SettledAsync(plan.App);
        var app = await store.ReadAsync(plan.App, ct) ?? throw new Builds.DeployFailedException($"{plan.App}: no such app");
        var old = InstanceRunner.Running(app);
        var earlier = app.Releases.OrderByDescending(r => r.Number).SelectMany(r => r.Ports).Distinct().ToArray();
        var recorded = AppAddress.Recorded(await store.ReadAllAsync(ct));
        var picked = new List<int>();
        try
        {
            for (var i = 0; i < app.Scale; i++)
                picked.Add(ports.ForRelease(app.Name, earlier, old.Select(o => o.Port).Concat(picked).ToHashSet(), recorded));
            var release = new Release(plan.Number, plan.Revision, key, clock.GetUtcNow(), plan.Image, null, ReleaseResult.Pending)
                .WithPorts(picked).WithGate(plan.Gate).WithTag(plan.Tag) with { Note = plan.Note };
            app = await store.UpdateAsync(app.Name, a => a.WithRelease(release), ct);
            var fresh = AppInstance.Of(app.Name, plan.Number, picked);
            if (await rollout.RunAsync(app, plan, old, fresh, reply, ct) is not { } done)
                return 1;
            await finish.FinishAsync(app, plan, fresh, done, reply);
            return 0;
        }
        finally
        {
            foreach (var port in picked)
                ports.Release(port);
        }
    }
}
