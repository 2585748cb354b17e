using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Health;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

/// <summary>
/// `ps:scale APP N` on a cluster: the current service's replicas change. New tasks pass the health gate before the
/// upstream lists them; for fewer, the upstream drops the tasks the engine stops (the highest slots) first. A failure
/// puts the replicas back and leaves the upstream as it was.
/// </summary>
public sealed class ClusterScaler(NapdConfig config, AppStateStore store, ClusterMode mode, ISwarm swarm, ServiceRunner services, ClusterFrontDoor door)
{
    /// <summary>Call with the app's lock held and its retirement settled; <paramref name="count"/> is 1 or more.</summary>
    public async Task<int> ScaleAsync(AppState app, string service, int count, IReplyWriter reply, CancellationToken ct)
    {
        if (await mode.RegistryAsync(ct) is not { } registry)
        {
            await reply.ProblemAsync($"{app.Name} runs as service {service}, but this host is no Swarm manager with a registry any more: deploy it again");
            return 1;
        }
        var port = app.AppPort ?? throw new InvalidOperationException($"{app.Name} runs without an app port");
        var before = await services.PlacesAsync(service, ct);
        var serving = TaskPlace.Serving(before);
        if (serving.Count == count && app.Scale == count)
        {
            await reply.DoneAsync($"{app.Name} already runs {TaskPlace.Count(count)}");
            return 0;
        }
        try
        {
            if (count < serving.Count)
                await door.ApplyAsync(app, port, TaskPlace.Upstream(serving.Take(count)), ct);
            await reply.StepAsync($"Scaling service {service} to {TaskPlace.Count(count)}");
            if (!await swarm.ScaleServiceAsync(service, count, registry.Login, ct))
                throw new ClusterException($"service {service} is gone: deploy {app.Name} again");
            var known = before.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var running = await services.WaitRunningAsync(service, count, [], known, ct);
            var added = running.Where(p => !known.Contains(p.Id)).ToArray();
            await services.GateAsync(service, added, app.Current?.Gate ?? HealthGate.Probe, ct);
            var upstream = TaskPlace.Upstream(running.OrderBy(p => p.Slot).Take(count));
            await door.ApplyAsync(app, port, upstream, ct);
            app = await store.UpdateAsync(app.Name, a => a.WithScale(count).WithRelease(a.Current!.WithTasks(upstream)), CancellationToken.None);
            await reply.DoneAsync($"{app.Name} runs {TaskPlace.Count(count)} of release {app.CurrentRelease}: {AppAddress.Url(config, app)}");
            await TaskPlace.ReportAsync(running.OrderBy(p => p.Slot).Take(count), reply);
            return 0;
        }
        catch (Exception e) when (e is ClusterException or NginxException or DockerSwarmException)
        {
            await reply.ProblemAsync(e.Message);
            await UndoAsync(app, service, serving.Count, port, registry.Login);
            await reply.ProblemAsync($"{app.Name} was not changed: it still runs {TaskPlace.Count(serving.Count)}");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await UndoAsync(app, service, serving.Count, port, registry.Login);
            throw;
        }
    }

    async Task UndoAsync(AppState app, string service, int count, int port, RegistryLogin login)
    {
        try
        {
            await swarm.ScaleServiceAsync(service, count, login, CancellationToken.None);
            if (app.Current?.Tasks is { Count: > 0 } recorded)
                await door.ApplyAsync(app, port, recorded, CancellationToken.None);
        }
        catch (Exception e) when (e is DockerSwarmException or NginxException)
        {
            // What serves keeps serving; the follower rewrites the upstream from what the engine runs.
        }
    }

}
