using Nap.Deployer.Config;
using Nap.Deployer.Nginx;
using Nap.Deployer.State;
using Nap.Deployer.Systemd;

namespace Nap.Deployer.Deploys;

/// <summary>
/// What a napd that died mid-deploy (SIGKILL, crash, reboot) leaves behind, put right. Call with the
/// app's lock held: then no deploy of this napd is under way, so a Pending release, an earlier release
/// still running beside the current one, or a running build are leftovers.
/// </summary>
public sealed class InterruptedDeploys(NapdConfig config, AppStateStore store, ISystemd systemd, NginxFrontDoor nginx, ReleaseSwitch releaseSwitch)
{
    public async Task<AppState> ClearAsync(AppState app)
    {
        var none = CancellationToken.None;
        await releaseSwitch.SettledAsync(app.Name);
        var others = app.Releases.Where(r => r.Number != app.CurrentRelease).ToArray();
        var pending = others.Where(r => r.Result == ReleaseResult.Pending).ToArray();
        var recent = others.Where(r => r.Result == ReleaseResult.Deployed).OrderByDescending(r => r.Number).Take(config.ReleasesKept);
        foreach (var release in pending)
            await releaseSwitch.StopQuietlyAsync(ReleaseNames.Instance(app.Name, release.Number));
        foreach (var release in recent)
            if (await systemd.IsActiveAsync(ReleaseNames.Instance(app.Name, release.Number), none) is not ("inactive" or "unknown"))
                await releaseSwitch.StopQuietlyAsync(ReleaseNames.Instance(app.Name, release.Number));
        if (pending.Length == 0)
            return app;
        return await store.UpdateAsync(app.Name, a => pending.Aggregate(a, (state, r) =>
            state.FindRelease(r.Number) is { Result: ReleaseResult.Pending } stale
                ? state.WithRelease(stale.WithResult(ReleaseResult.Cancelled, "interrupted: napd stopped during this deploy"))
                : state), none);
    }

    /// <summary>
    /// At napd's start: <see cref="ClearAsync"/>, a build left running is stopped, and the current release is
    /// enabled and is what nginx points at. napd may have died after nginx moved to a release it had not
    /// recorded yet (then nginx goes back), or after recording one it had not enabled (then it is enabled).
    /// </summary>
    public async Task RecoverAsync(AppState app)
    {
        var none = CancellationToken.None;
        // nginx first, so it never points at a leftover while that is being stopped.
        if (!app.Stopped && app.Current is { Port: { } port } current && app.AppPort is { } appPort)
        {
            await systemd.RunAsync(UnitAction.Enable, ReleaseNames.Instance(app.Name, current.Number), none);
            await nginx.ApplyAsync(new NginxSite(app.Name, appPort, [port]).WithDomains(AppAddress.Domains(config, app)), none);
        }
        await ClearAsync(app);
        if (await systemd.IsActiveAsync(ReleaseNames.BuildUnit(app.Name), none) is "active" or "activating" or "reloading")
            await StopAsync(ReleaseNames.BuildUnit(app.Name));
    }

    async Task StopAsync(string unit)
    {
        try
        {
            await systemd.RunAsync(UnitAction.Stop, unit, CancellationToken.None);
        }
        catch (SystemdException)
        {
            // It ended by itself meanwhile.
        }
    }
}
