using Nap.Deployer.Certs;
using Nap.Deployer.Config;
using Nap.Deployer.Nginx;
using Nap.Deployer.Ports;
using Nap.Deployer.State;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Deploys;

/// <summary>
/// Blue/green: the new release starts beside the old one on its own port, must pass the health gate,
/// then nginx's upstream moves to it (graceful reload), the old one drains and stops. Until nginx
/// moves, any failure or a client gone leaves the old release serving and nginx untouched.
/// An app scaled to N instances rolls: see <see cref="RollingPlan"/>.
/// </summary>
public sealed partial class ReleaseSwitch(
    NapdConfig config, AppStateStore store, ISystemd systemd, PortAllocator ports,
    InstanceRunner instances, NginxFrontDoor nginx, AppEnvStore env, Retention retention, AppCerts certs, TimeProvider clock)
{
    public const int LogLinesOnFailure = 20;

    /// <returns>0 when the release went live, 1 when it failed (told to the client, recorded, cleaned up).</returns>
    public async Task<int> GoLiveAsync(ReleasePlan plan, string key, IReplyWriter reply, CancellationToken ct)
    {
        await SettledAsync(plan.App);
        var app = await store.ReadAsync(plan.App, ct) ?? throw new DeployFailedException($"{plan.App}: no such app");
        var all = await store.ReadAllAsync(ct);
        var old = InstanceRunner.Running(app);
        var earlier = app.Releases.OrderByDescending(r => r.Number).SelectMany(r => r.Ports).Distinct().ToArray();
        var recorded = AppAddress.Recorded(all);
        var picked = new List<int>();
        try
        {
            for (var i = 0; i < app.Scale; i++)
                picked.Add(ports.ForRelease(app.Name, earlier, old.Select(o => o.Port).Concat(picked).ToHashSet(), recorded));
            var release = new Release(plan.Number, plan.Revision, key, clock.GetUtcNow(), plan.Image, null, ReleaseResult.Pending).WithPorts(picked);
            app = await store.UpdateAsync(app.Name, a => a.WithRelease(release), ct);
            return await StartCheckAndSwitchAsync(app, plan, old, AppInstance.Of(app.Name, plan.Number, picked), reply, ct);
        }
        finally
        {
            foreach (var port in picked)
                ports.Release(port);
        }
    }

    async Task<int> StartCheckAndSwitchAsync(
        AppState app, ReleasePlan plan, IReadOnlyList<AppInstance> old, IReadOnlyList<AppInstance> fresh, IReplyWriter reply, CancellationToken ct)
    {
        foreach (var instance in fresh)
            await instances.WriteEnvAsync(instance, plan.Image);
        env.EnsureExists(app.Name);
        var steps = RollingPlan.Forward(old, fresh);

        NginxSite site;
        try
        {
            // The container boots while the build's last lines reach the pusher, who sees them first.
            var starting = instances.StartAsync(fresh[0], plan.HasHealthCheck, ct);
            _ = starting.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await plan.BuildOutput;
            await reply.OutAsync($"-----> Starting {app.Name} {plan.Why} {plan.Number} on 127.0.0.1:{fresh[0].Port}{Of(fresh[0], fresh)}");
            var verdict = await starting;
            if (!verdict.Healthy)
                return await FailAsync(app.Name, plan, fresh, ReleaseResult.Unhealthy, $"release {plan.Number} is not healthy: {verdict.Detail}", reply);
            await reply.OutAsync($"-----> Healthy: {verdict.Detail}");

            var all = await store.ReadAllAsync(ct);
            var appPort = ports.ForApp(app.Name, app.AppPort, AppAddress.Recorded(all, except: app.Name));
            site = AppAddress.Site(config, app, appPort, []);
            await nginx.ApplyAsync(site.WithUpstreams([.. steps[0].Serving.Select(i => i.Port)]), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FailAsync(app.Name, plan, fresh, ReleaseResult.Cancelled, "cancelled: the client went away", reply);
            throw;
        }
        catch (Exception e) when (e is NginxException or SystemdException or PortsExhaustedException)
        {
            return await FailAsync(app.Name, plan, fresh, ReleaseResult.Unhealthy, e.Message, reply);
        }

        // nginx serves the new release now: everything after this runs to the end, client or not.
        for (var k = 1; k < steps.Count; k++)
        {
            await instances.DrainAndStopAsync(steps[k - 1].Retire);
            await reply.OutAsync($"-----> Starting {app.Name} {plan.Why} {plan.Number} on 127.0.0.1:{fresh[k].Port}{Of(fresh[k], fresh)}");
            if (await StepAsync(steps[k], site, plan.HasHealthCheck) is { } failure)
                return await UndoAsync(app, plan, old, fresh, k, site, $"instance {fresh[k].Index} of release {plan.Number} is not healthy: {failure}", reply);
            await reply.OutAsync($"-----> Healthy: instance {fresh[k].Index} serves");
        }
        await FinishAsync(app, plan, fresh, steps[^1].Retire, site.ListenPort, reply);
        return 0;
    }

    /// <summary>Starts the step's instance, then points nginx at the step's set; null when done, else why not (the instance is left for the caller).</summary>
    async Task<string?> StepAsync(RollingStep step, NginxSite site, bool hasHealthCheck)
    {
        try
        {
            if (step.Start is { } start && await instances.StartAsync(start, hasHealthCheck, CancellationToken.None) is { Healthy: false } verdict)
                return verdict.Detail;
            if (step.Serving.Count == 0)
                await nginx.RemoveAsync(site.App, CancellationToken.None);
            else
                await nginx.ApplyAsync(site.WithUpstreams([.. step.Serving.Select(i => i.Port)]), CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is NginxException or SystemdException)
        {
            return e.Message;
        }
    }

    /// <summary>A later instance failed after nginx had moved: the replaced old instances come back one by one, newest first.</summary>
    async Task<int> UndoAsync(
        AppState app, ReleasePlan plan, IReadOnlyList<AppInstance> old, IReadOnlyList<AppInstance> fresh, int done, NginxSite site, string reason, IReplyWriter reply)
    {
        await ReportAsync(reason, fresh[done], reply);
        await instances.StopQuietlyAsync(fresh[done].Unit);
        var hasHealthCheck = app.CurrentRelease is { } previous && instances.HasHealthCheck(app.Name, previous);
        foreach (var step in RollingPlan.Back(old, fresh, done))
        {
            if (step.Start is { } start)
                await reply.ErrAsync($" !     starting {start} again");
            if (await StepAsync(step, site, hasHealthCheck) is { } failure)
            {
                // Nothing more to try without making it worse: what serves now keeps serving.
                await reply.ErrAsync($" !     {step.Start} did not come back ({failure}): see ps {app.Name}");
                await RecordFailureAsync(app.Name, plan, ReleaseResult.Unhealthy, reason);
                return 1;
            }
            await instances.DrainAndStopAsync(step.Retire);
        }
        return await FailAsync(app.Name, plan, fresh, ReleaseResult.Unhealthy, reason, reply, reported: true);
    }

    static string Of(AppInstance instance, IReadOnlyList<AppInstance> all) =>
        all.Count == 1 ? "" : $" (instance {instance.Index} of {all.Count})";
}
