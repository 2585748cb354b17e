using Nap.Deployer.Apps;
using Nap.Deployer.Certs;
using Nap.Deployer.Instances;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>
/// A release that went live: recorded as current, announced with its address, and the rest done after the
/// pusher has their answer (units enabled, the old instances drained and stopped, old images pruned).
/// </summary>
public sealed class ReleaseFinish(
    NapdConfig config, AppStateStore store, InstanceRunner instances, Retirements retirements, Retention retention, AppCerts certs, TimeProvider clock)
{
    public async Task FinishAsync(AppState before, ReleasePlan plan, IReadOnlyList<AppInstance> fresh, RolledOut done, IReplyWriter reply)
    {
        var previous = before.CurrentRelease is { } n && n != plan.Number ? before.Current : null;
        var app = await store.UpdateAsync(before.Name, a => a
            .WithAppPort(done.AppPort)
            .WithRelease((a.FindRelease(plan.Number) ?? throw new InvalidOperationException("release vanished")).WithResult(ReleaseResult.Deployed))
            .WithCurrentRelease(plan.Number)
            .WithStopped(false), CancellationToken.None);

        await reply.DoneAsync($"{app.Name} deployed: {AppAddress.Url(config, app)} (release {plan.Number}, {ReleaseNames.Short(plan.Revision)}{(fresh.Count > 1 ? $", {fresh.Count} instances" : "")})");
        foreach (var domain in AppAddress.Domains(config, app))
            await reply.DetailAsync($"http://{domain}/");
        // Where the pusher looks anyway: a certificate near its end, or one whose renewal failed, is news each push until it is renewed.
        if (certs.Read(app.Name) is { } cert)
            await CertLines.WarnAsync(reply, app.Name, cert, clock.GetUtcNow(), app.AutoCerts);

        // The pusher need not wait while the units are enabled or nginx's old workers finish their requests on
        // the previous release; the app's next change waits for it instead (Retirements), and a napd that dies
        // first leaves it to StartupRecovery, which enables the recorded release and stops the rest.
        retirements.Begin(app.Name, () => RetireAsync(app, fresh, previous, done.Retire));
    }

    async Task RetireAsync(AppState app, IReadOnlyList<AppInstance> fresh, Release? previous, IReadOnlyList<AppInstance> retire)
    {
        // Enabled, so the release comes back after a reboot; the old one is disabled for the same reason.
        foreach (var instance in fresh)
            await instances.EnableQuietlyAsync(instance.Unit);
        if (previous is not null)
            foreach (var unit in InstanceRunner.UnitsOf(app.Name, previous))
                await instances.DisableQuietlyAsync(unit);
        await instances.ApplyEnablementAsync();
        await instances.DrainAndStopAsync(retire);
        foreach (var instance in retire)
            instances.Forget(instance);
        await retention.PruneAsync(app, CancellationToken.None);
    }
}
