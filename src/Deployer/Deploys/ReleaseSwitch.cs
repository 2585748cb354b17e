using System.Globalization;
using Nap.Deployer.Config;
using Nap.Deployer.Health;
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
/// </summary>
public sealed partial class ReleaseSwitch(
    NapdConfig config, NapPaths paths, AppStateStore store, ISystemd systemd, PortAllocator ports,
    HealthChecker health, NginxFrontDoor nginx, AppEnvStore env, Retention retention, TimeProvider clock)
{
    public const int LogLinesOnFailure = 20;

    /// <returns>0 when the release went live, 1 when it failed (told to the client, recorded, cleaned up).</returns>
    public async Task<int> GoLiveAsync(ReleasePlan plan, string key, IReplyWriter reply, CancellationToken ct)
    {
        await SettledAsync(plan.App);
        var app = await store.ReadAsync(plan.App, ct) ?? throw new DeployFailedException($"{plan.App}: no such app");
        var all = await store.ReadAllAsync(ct);
        var running = app.Current?.Port is { } p && !app.Stopped ? new HashSet<int> { p } : [];
        var earlier = app.Releases.OrderByDescending(r => r.Number).Select(r => r.Port).OfType<int>().Distinct().ToArray();
        var port = ports.ForRelease(app.Name, earlier, running, AppAddress.Recorded(all));
        try
        {
            var release = new Release(plan.Number, plan.Revision, key, clock.GetUtcNow(), plan.Image, port, ReleaseResult.Pending);
            app = await store.UpdateAsync(app.Name, a => a.WithRelease(release), ct);
            return await StartCheckAndSwitchAsync(app, plan, port, reply, ct);
        }
        finally
        {
            ports.Release(port);
        }
    }

    async Task<int> StartCheckAndSwitchAsync(AppState app, ReleasePlan plan, int port, IReplyWriter reply, CancellationToken ct)
    {
        var dir = paths.Release(app.Name, plan.Number);
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "unit.env"),
            $"NAP_IMAGE={plan.Image}\nNAP_PORT={port.ToString(CultureInfo.InvariantCulture)}\n", CancellationToken.None);
        env.EnsureExists(app.Name);

        int appPort;
        Task<string?>? enabling = null;
        try
        {
            await reply.OutAsync($"-----> Starting {app.Name} {plan.Why} {plan.Number} on 127.0.0.1:{port}");
            await systemd.RunAsync(UnitAction.Start, plan.Instance, ct);
            enabling = EnableAsync(plan.Instance);
            var verdict = await health.WaitAsync(new HealthTarget(plan.Container, port, plan.HasHealthCheck), config.HealthTimeout, StillRunning(plan.Instance), ct);
            if (!verdict.Healthy)
                return await FailAsync(app.Name, plan, ReleaseResult.Unhealthy, $"release {plan.Number} is not healthy: {verdict.Detail}", reply, enabling);
            if (await enabling is { } notEnabled)
                return await FailAsync(app.Name, plan, ReleaseResult.Unhealthy, notEnabled, reply, enabling);
            await reply.OutAsync($"-----> Healthy: {verdict.Detail}");

            var all = await store.ReadAllAsync(ct);
            appPort = ports.ForApp(app.Name, app.AppPort, AppAddress.Recorded(all, except: app.Name));
            await nginx.ApplyAsync(new NginxSite(app.Name, appPort, [port]).WithDomains(AppAddress.Domains(config, app)), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FailAsync(app.Name, plan, ReleaseResult.Cancelled, "cancelled: the client went away", reply, enabling);
            throw;
        }
        catch (Exception e) when (e is NginxException or SystemdException or PortsExhaustedException)
        {
            return await FailAsync(app.Name, plan, ReleaseResult.Unhealthy, e.Message, reply, enabling);
        }

        // nginx serves the new release now: everything after this runs to the end, client or not.
        await FinishAsync(app, plan, appPort, reply);
        return 0;
    }

    /// <summary>
    /// Enabled, so the release comes back after a reboot. Enabling reloads systemd (a few hundred ms on a
    /// busy host): it runs while the container starts; a release that fails after all is disabled again.
    /// </summary>
    /// <returns>null, or why systemd would not enable it.</returns>
    async Task<string?> EnableAsync(string instance)
    {
        try
        {
            await systemd.RunAsync(UnitAction.Enable, instance, CancellationToken.None);
            return null;
        }
        catch (SystemdException e)
        {
            return e.Message.ReplaceLineEndings(" ");
        }
    }

    Func<CancellationToken, Task<bool>> StillRunning(string unit) =>
        async ct => await systemd.IsActiveAsync(unit, ct) is "active" or "activating" or "reloading";
}
