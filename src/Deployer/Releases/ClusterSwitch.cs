using Nap.Deployer.Apps;
using Nap.Deployer.Certs;
using Nap.Deployer.Cluster;
using Nap.Deployer.Instances;
using Nap.Deployer.Nginx;
using Nap.Deployer.Ports;
using Nap.Deployer.Registry;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>
/// A release on the cluster: one Swarm service per release (nap-APP-N), switched in nginx. The new service's tasks
/// must run and pass napd's health gate at NODE_ADDR:PUBLISHED_PORT, then the app's upstream lists them, then the old
/// release's service drains and goes. Until nginx moves, any failure removes the new service and leaves the old one
/// serving and nginx untouched. Rollback is the same from the older release's registry tag: the nodes pull, nothing builds.
/// </summary>
public sealed class ClusterSwitch(
    NapdConfig config, AppStateStore store, PortAllocator ports, ServiceRunner services, ClusterFrontDoor door,
    Retirements retirements, InstanceRunner instances, ReleaseFailures failures, Retention retention, AppCerts certs, TimeProvider clock)
{
    /// <returns>0 when the release went live, 1 when it failed (told to the client, recorded, cleaned up).</returns>
    public async Task<int> GoLiveAsync(ReleasePlan plan, RegistryTarget registry, string key, IReplyWriter reply, CancellationToken ct)
    {
        await retirements.SettledAsync(plan.App);
        var app = await store.ReadAsync(plan.App, ct) ?? throw new Builds.DeployFailedException($"{plan.App}: no such app");
        var before = app;
        var release = new ClusterRelease(app.Name, plan.Number, plan.Revision, plan.Config, registry.Image(app.Name, plan.Tag ?? ""), app.Scale);
        var record = new Release(plan.Number, plan.Revision, key, clock.GetUtcNow(), plan.Image, null, ReleaseResult.Pending)
            .WithGate(plan.Gate).WithTag(plan.Tag).WithService(release.Service, []) with { Note = plan.Note };
        app = await store.UpdateAsync(app.Name, a => a.WithRelease(record), ct);
        if (plan.Tag is null)
            return await FailAsync(app.Name, plan, null, ReleaseResult.Unhealthy,
                $"release {plan.Number} runs an image from before dated tags, which the registry does not have: deploy its revision again ({ReleaseNames.Short(plan.Revision)})", reply);

        IReadOnlyList<TaskPlace> places;
        int appPort;
        try
        {
            var service = services.Render(app, release);
            await plan.BuildOutput;
            foreach (var note in service.Notes)
                await reply.StepAsync(note);
            await reply.StepAsync($"Starting {app.Name} {plan.Why} {plan.Number} as service {release.Service} ({TaskPlace.Count(release.Replicas)}, pulled from {registry.Address})");
            places = await services.StartAsync(app.Name, service, registry.Login, plan.Gate, ct);
            await reply.StepAsync($"Healthy: {(places.Count == 1 ? "its task answers" : $"its {places.Count} tasks answer")}");
            appPort = ports.ForApp(app.Name, app.AppPort, AppAddress.Recorded(await store.ReadAllAsync(ct), except: app.Name));
            await door.ApplyAsync(app, appPort, TaskPlace.Upstream(places), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FailAsync(app.Name, plan, release.Service, ReleaseResult.Cancelled, "cancelled: the client went away", reply);
            throw;
        }
        catch (Exception e) when (e is ClusterException or NginxException or PortsExhaustedException)
        {
            return await FailAsync(app.Name, plan, release.Service, ReleaseResult.Unhealthy, e.Message, reply);
        }

        // nginx serves the new tasks now: everything after this runs to the end, client or not.
        var previous = before.CurrentRelease is { } n && n != plan.Number ? before.Current : null;
        var upstream = TaskPlace.Upstream(places);
        app = await store.UpdateAsync(app.Name, a => a
            .WithAppPort(appPort)
            .WithRelease((a.FindRelease(plan.Number) ?? throw new InvalidOperationException("release vanished")).WithService(release.Service, upstream).WithResult(ReleaseResult.Deployed))
            .WithCurrentRelease(plan.Number)
            .WithStopped(false), CancellationToken.None);
        await reply.DoneAsync($"{app.Name} deployed: {AppAddress.Url(config, app)} (release {plan.Number}, {ReleaseNames.Short(plan.Revision)}, {TaskPlace.Count(places.Count)})");
        await TaskPlace.ReportAsync(places, reply);
        foreach (var domain in AppAddress.Domains(config, app))
            await reply.DetailAsync($"http://{domain}/");
        if (certs.Read(app.Name) is { } cert)
            await CertLines.WarnAsync(reply, app.Name, cert, clock.GetUtcNow(), app.AutoCerts);
        var retired = app;
        retirements.Begin(app.Name, () => RetireAsync(retired, before, previous));
        return 0;
    }

    /// <summary>The old release drains behind nginx's reload, then goes: its service, or its instances on this host (the first release after `cluster init`).</summary>
    async Task RetireAsync(AppState app, AppState before, Release? previous)
    {
        var local = InstanceRunner.Running(before);
        if (previous?.Service is { } old)
        {
            await instances.DrainAsync();
            await services.RemoveQuietlyAsync(old);
        }
        else if (previous is not null)
        {
            foreach (var unit in InstanceRunner.UnitsOf(app.Name, previous))
                await instances.DisableQuietlyAsync(unit);
            await instances.ApplyEnablementAsync();
            await instances.DrainAndStopAsync(local);
            foreach (var instance in local)
                instances.Forget(instance);
        }
        await retention.PruneAsync(app, CancellationToken.None);
    }

    async Task<int> FailAsync(string app, ReleasePlan plan, string? service, ReleaseResult result, string reason, IReplyWriter reply)
    {
        await reply.ProblemAsync(reason);
        if (service is not null)
            await services.RemoveQuietlyAsync(service);
        await failures.RecordAsync(app, plan, result, reason);
        await retention.ForgetAsync(app, plan.Number);
        await reply.ProblemAsync($"{app} was not changed: the previous release (if any) still serves");
        return 1;
    }

}
