using Nap.Deployer.Apps;
using Nap.Deployer.Health;
using Nap.Deployer.Instances;
using Nap.Deployer.Nginx;
using Nap.Deployer.Ports;
using Nap.Deployer.Routing;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>Where a rollout ended: the app's stable port, and the old instances still to retire.</summary>
public sealed record RolledOut(int AppPort, IReadOnlyList<AppInstance> Retire);

/// <summary>
/// The new instances take over from the old ones in <see cref="RollingPlan"/>'s order: instance 1 behind the
/// health gate, then nginx moves; for a scaled app each further instance replaces its old one in turn.
/// </summary>
public sealed partial class Rollout(AppStateStore store, PortAllocator ports, InstanceRunner instances, AppSites sites, NginxFrontDoor nginx, ReleaseFailures failures)
{
    /// <returns>Where it ended, or null when it failed (told to the client, recorded, the old release serving).</returns>
    public async Task<RolledOut?> RunAsync(
        AppState app, ReleasePlan plan, IReadOnlyList<AppInstance> old, IReadOnlyList<AppInstance> fresh, IReplyWriter reply, CancellationToken ct)
    {
        foreach (var instance in fresh)
            await instances.WriteEnvAsync(instance, plan.Image);
        var steps = RollingPlan.Forward(old, fresh);

        NginxSite site;
        try
        {
            // The container boots while the build's last lines reach the pusher, who sees them first.
            // A check's failed attempts are told under the Starting line, never among the build's.
            var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starting = instances.StartAsync(fresh[0], plan.Gate, ct, async line =>
            {
                await announced.Task;
                await reply.DetailAsync(line);
            });
            _ = starting.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            try
            {
                await plan.BuildOutput;
                await reply.StepAsync($"Starting {app.Name} {plan.Why} {plan.Number} on 127.0.0.1:{fresh[0].Port}{Of(fresh[0], fresh)}");
            }
            finally
            {
                announced.TrySetResult();
            }
            var verdict = await starting;
            if (!verdict.Healthy)
                return await failures.FailAsync(app.Name, plan, fresh, ReleaseResult.Unhealthy, $"release {plan.Number} is not healthy: {verdict.Detail}", reply);
            await reply.StepAsync($"Healthy: {verdict.Detail}");

            var appPort = ports.ForApp(app.Name, app.AppPort, AppAddress.Recorded(await store.ReadAllAsync(ct), except: app.Name));
            site = sites.Site(app, appPort, []);
            await nginx.ApplyAsync(site.WithUpstreams([.. steps[0].Serving.Select(i => i.Port)]), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await failures.FailAsync(app.Name, plan, fresh, ReleaseResult.Cancelled, "cancelled: the client went away", reply);
            throw;
        }
        catch (Exception e) when (e is NginxException or SystemdException or PortsExhaustedException)
        {
            return await failures.FailAsync(app.Name, plan, fresh, ReleaseResult.Unhealthy, e.Message, reply);
        }

        // nginx serves the new release now: everything after this runs to the end, client or not.
        for (var k = 1; k < steps.Count; k++)
        {
            await instances.DrainAndStopAsync(steps[k - 1].Retire);
            await reply.StepAsync($"Starting {app.Name} {plan.Why} {plan.Number} on 127.0.0.1:{fresh[k].Port}{Of(fresh[k], fresh)}");
            if (await StepAsync(steps[k], site, plan.Gate, reply) is { } failure)
                return await UndoAsync(app, plan, old, fresh, k, site, $"instance {fresh[k].Index} of release {plan.Number} is not healthy: {failure}", reply);
            await reply.StepAsync($"Healthy: instance {fresh[k].Index} serves");
        }
        return new RolledOut(site.ListenPort, steps[^1].Retire);
    }

    /// <summary>
    /// Starts the step's instance, then points nginx at the step's set; null when done, else why not (the instance is left
    /// for the caller). Its checks' failed attempts are told under the line that announced it, as instance 1's are.
    /// </summary>
    async Task<string?> StepAsync(RollingStep step, NginxSite site, HealthGate gate, IReplyWriter reply)
    {
        try
        {
            if (step.Start is { } start && await instances.StartAsync(start, gate, CancellationToken.None, reply.DetailAsync) is { Healthy: false } verdict)
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

    static string Of(AppInstance instance, IReadOnlyList<AppInstance> all) =>
        all.Count == 1 ? "" : $" (instance {instance.Index} of {all.Count})";
}
