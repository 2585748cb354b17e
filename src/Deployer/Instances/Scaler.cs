using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Nginx;
using Nap.Deployer.Ports;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

/// <summary>
/// `ps:scale`: more instances of the current release start one at a time behind the health gate and
/// join nginx; fewer leave nginx first, then drain and stop. The count is kept in app.json, so every
/// later release rolls out that many (Releases' ReleaseSwitch) and `start` brings that many back.
/// </summary>
public sealed class Scaler(
    NapdConfig config, AppStateStore store, ISystemd systemd, PortAllocator ports, InstanceRunner instances,
    AppSites sites, NginxFrontDoor nginx, AppStopper stopper, Retirements retirements, ClusterScaler cluster)
{
    /// <summary>Each instance is a container and a port; more than this on one host is a mistake rather than a plan.</summary>
    public const int Max = 10;

    /// <summary>Call with the app's lock held; <paramref name="count"/> is 0..<see cref="Max"/>.</summary>
    public async Task<int> ScaleAsync(AppState app, int count, IReplyWriter reply, CancellationToken ct)
    {
        if (count == 0)
        {
            // As Dokku's ps:scale web=0: nothing runs. Here that is `stop`; start (or ps:scale APP N) brings it back.
            await stopper.StopAsync(app);
            await reply.DoneAsync($"{app.Name} stopped (start brings back its {Instances(app.Scale)})");
            return 0;
        }
        await retirements.SettledAsync(app.Name);
        if (!app.Stopped && app.Current?.Service is { } service)
            return await cluster.ScaleAsync(app, service, count, reply, ct);
        var running = InstanceRunner.Running(app);
        if (running.Count == 0 || running.Count == count)
        {
            await store.UpdateAsync(app.Name, a => a.WithScale(count), CancellationToken.None);
            await reply.DoneAsync(running.Count == count
                ? $"{app.Name} already runs {Instances(count)}"
                : $"{app.Name} will run {Instances(count)} once it {(app.Current is null ? "is deployed" : "starts")}");
            return 0;
        }
        return count > running.Count
            ? await UpAsync(app, running, count, reply, ct)
            : await DownAsync(app, running, count, reply);
    }

    async Task<int> UpAsync(AppState app, IReadOnlyList<AppInstance> running, int count, IReplyWriter reply, CancellationToken ct)
    {
        var current = app.Current!;
        var recorded = AppAddress.Recorded(await store.ReadAllAsync(ct));
        var added = new List<AppInstance>();
        try
        {
            for (var index = running.Count + 1; index <= count; index++)
            {
                var port = ports.ForRelease(app.Name, [], running.Concat(added).Select(i => i.Port).ToHashSet(), recorded);
                added.Add(new AppInstance(app.Name, current.Number, index, port));
            }
            var gate = current.Gate;
            List<AppInstance> serving = [.. running];
            foreach (var instance in added)
            {
                await instances.WriteEnvAsync(instance, current.Image ?? ImageName.Legacy(app.Name, current.Number));
                await reply.StepAsync($"Starting {instance}");
                if (await instances.StartAsync(instance, gate, ct, reply.DetailAsync) is { Healthy: false } verdict)
                    return await UndoAsync(app, running, added, $"{instance.Unit} is not healthy: {verdict.Detail}", reply);
                serving.Add(instance);
                await nginx.ApplyAsync(Site(app, serving), ct);
                await systemd.EnableAsync(instance.Unit, ct);
            }
            await RecordAsync(app, serving);
            await instances.ApplyEnablementAsync();
            await reply.DoneAsync($"{app.Name} runs {Instances(count)} of release {current.Number}: {AppAddress.Url(config, app)}");
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await UndoAsync(app, running, added, "cancelled: the client went away", reply);
            throw;
        }
        catch (Exception e) when (e is NginxException or SystemdException or PortsExhaustedException)
        {
            return await UndoAsync(app, running, added, e.Message, reply);
        }
        finally
        {
            foreach (var instance in added)
                ports.Release(instance.Port);
        }
    }

    async Task<int> UndoAsync(AppState app, IReadOnlyList<AppInstance> running, IReadOnlyList<AppInstance> added, string reason, IReplyWriter reply)
    {
        await reply.ProblemAsync($"{reason}");
        await nginx.ApplyAsync(Site(app, running), CancellationToken.None);
        foreach (var instance in added)
        {
            await instances.StopQuietlyAsync(instance.Unit);
            instances.Forget(instance);
        }
        await reply.ProblemAsync($"{app.Name} was not changed: it still runs {Instances(running.Count)}");
        return 1;
    }

    async Task<int> DownAsync(AppState app, IReadOnlyList<AppInstance> running, int count, IReplyWriter reply)
    {
        var keep = running.Take(count).ToArray();
        var extra = running.Skip(count).ToArray();
        // Out of nginx first: the extra instances get no new request before they stop.
        try
        {
            await nginx.ApplyAsync(Site(app, keep), CancellationToken.None);
        }
        catch (NginxException e)
        {
            await reply.ProblemAsync($"{e.Message}");
            return 1;
        }
        await RecordAsync(app, keep);
        await reply.StepAsync($"Stopping {string.Join(", ", extra.Select(i => i.Unit))} after nginx let go of them");
        await instances.DrainAndStopAsync(extra);
        foreach (var instance in extra)
            instances.Forget(instance);
        await instances.ApplyEnablementAsync();
        await reply.DoneAsync($"{app.Name} runs {Instances(count)} of release {app.CurrentRelease}: {AppAddress.Url(config, app)}");
        return 0;
    }

    Task RecordAsync(AppState app, IReadOnlyList<AppInstance> serving) =>
        store.UpdateAsync(app.Name, a => a.WithScale(serving.Count)
            .WithRelease(a.FindRelease(app.CurrentRelease!.Value)!.WithPorts([.. serving.Select(i => i.Port)])), CancellationToken.None);

    NginxSite Site(AppState app, IReadOnlyList<AppInstance> serving) =>
        sites.Site(app, app.AppPort ?? throw new InvalidOperationException($"{app.Name} runs without an app port"), serving.Select(i => i.Port));

    static string Instances(int count) => count == 1 ? "1 instance" : $"{count} instances";
}
