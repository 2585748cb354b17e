using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Instances;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Steps;
using Nap.Deployer.Systemd;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>
/// What a napd that died mid-deploy (SIGKILL, crash, reboot) leaves behind, put right. Call with the
/// app's lock held: then no deploy of this napd is under way, so a Pending release, an earlier release
/// still running beside the current one, or a running build are leftovers.
/// </summary>
public sealed class InterruptedDeploys(
    NapdConfig config, NapPaths paths, AppStateStore store, ISystemd systemd, AppSites sites, NginxFrontDoor nginx, Retirements retirements, InstanceRunner instances, StepRunner steps, ServiceRunner services)
{
    public async Task<AppState> ClearAsync(AppState app)
    {
        var none = CancellationToken.None;
        await retirements.SettledAsync(app.Name);
        var others = app.Releases.Where(r => r.Number != app.CurrentRelease).ToArray();
        var pending = others.Where(r => r.Result == ReleaseResult.Pending).ToArray();
        var recent = others.Where(r => r.Result == ReleaseResult.Deployed).OrderByDescending(r => r.Number).Take(config.ReleasesKept);
        // On a cluster: a service napd had not switched nginx to, or an old one whose retirement napd did not finish.
        foreach (var service in pending.Concat(recent).Select(r => r.Service).OfType<string>())
            await services.RemoveQuietlyAsync(service);
        foreach (var unit in pending.Where(r => r.Service is null).SelectMany(r => InstanceRunner.UnitsOf(app.Name, r)))
            await instances.StopQuietlyAsync(unit);
        // A pipeline step that was running then runs on without its timeout, which died with napd's docker client.
        foreach (var release in pending)
            await steps.RemoveLeftoverAsync(app.Name, release.Number);
        foreach (var unit in recent.Where(r => r.Service is null).SelectMany(r => InstanceRunner.UnitsOf(app.Name, r)))
            if ((await systemd.StateAsync(unit, none)).ActiveState != "inactive")
                await instances.StopQuietlyAsync(unit);
        if (pending.Length == 0)
            return app;
        return await store.UpdateAsync(app.Name, a => pending.Aggregate(a, (state, r) =>
            state.FindRelease(r.Number) is { Result: ReleaseResult.Pending } stale
                ? state.WithRelease(stale.WithResult(ReleaseResult.Cancelled, "interrupted: napd stopped during this deploy"))
                : state), none);
    }

    /// <summary>
    /// At napd's start: <see cref="ClearAsync"/>, a build left running is stopped, and every instance of the
    /// current release runs, is enabled and is what nginx points at. napd may have died after nginx moved
    /// to a release it had not recorded yet (then nginx goes back), after recording one it had not enabled
    /// (then it is enabled), or in a rolling release after stopping some old instances (they start again).
    /// </summary>
    public async Task RecoverAsync(AppState app)
    {
        var none = CancellationToken.None;
        // nginx first, so it never points at a leftover while that is being stopped.
        if (!app.Stopped && app.Current is { Service: not null } && sites.Current(app) is { } tasks)
        {
            // The engine keeps the service running without napd; the follower's first round rewrites the upstream
            // from where its tasks are now.
            await nginx.ApplyAsync(tasks, none);
        }
        else if (!app.Stopped && app.Current is { } current && sites.Current(app) is { } site)
        {
            foreach (var unit in InstanceRunner.UnitsOf(app.Name, current))
                await StartQuietlyAsync(unit);
            await nginx.ApplyAsync(site, none);
            await StopUnrecordedAsync(app, current);
        }
        await ClearAsync(app);
        if ((await systemd.StateAsync(ReleaseNames.BuildUnit(app.Name), none)).IsRunning)
            await StopAsync(ReleaseNames.BuildUnit(app.Name));
    }

    /// <summary>
    /// Instances of the current release beyond its recorded ports: a scale-up cut before it recorded them,
    /// or a scale-down cut after it recorded fewer. nginx has just been pointed at the recorded ones only.
    /// </summary>
    async Task StopUnrecordedAsync(AppState app, Release current)
    {
        var releases = new DirectoryInfo(paths.Releases(app.Name));
        if (!releases.Exists)
            return;
        var prefix = current.Number.ToString(CultureInfo.InvariantCulture) + ".";
        // Not EnumerateDirectories(prefix + "*"): its DOS-style pattern also matches "N" itself.
        foreach (var dir in releases.EnumerateDirectories())
        {
            if (!dir.Name.StartsWith(prefix, StringComparison.Ordinal)
                || !int.TryParse(dir.Name[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index <= current.Ports.Count)
                continue;
            var instance = new AppInstance(app.Name, current.Number, index, 0);
            await instances.StopQuietlyAsync(instance.Unit);
            instances.Forget(instance);
        }
    }

    async Task StartQuietlyAsync(string unit)
    {
        try
        {
            await systemd.EnableAsync(unit, CancellationToken.None);
            // Only what a rolling release stopped cleanly: a crash loop at its restart limit stays failed
            // (status says so) rather than looping again on every start of napd.
            if ((await systemd.StateAsync(unit, CancellationToken.None)).ActiveState == "inactive")
                await systemd.StartAsync(unit, CancellationToken.None);
        }
        catch (SystemdException)
        {
            // The unit is gone (a release pruned by hand): status shows what runs.
        }
    }

    async Task StopAsync(string unit)
    {
        try
        {
            await systemd.StopAsync(unit, CancellationToken.None);
        }
        catch (SystemdException)
        {
            // It ended by itself meanwhile.
        }
    }
}
