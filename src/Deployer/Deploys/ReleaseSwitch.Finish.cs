using Nap.Deployer.Certs;
using System.Collections.Concurrent;
using Nap.Deployer.State;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Deploys;

public sealed partial class ReleaseSwitch
{
    readonly ConcurrentDictionary<string, Task> retiring = new(StringComparer.Ordinal);

    async Task FinishAsync(AppState before, ReleasePlan plan, IReadOnlyList<AppInstance> fresh, IReadOnlyList<AppInstance> retire, int appPort, IReplyWriter reply)
    {
        var none = CancellationToken.None;
        var previous = before.CurrentRelease is { } n && n != plan.Number ? before.Current : null;
        var app = await store.UpdateAsync(before.Name, a => a
            .WithAppPort(appPort)
            .WithRelease((a.FindRelease(plan.Number) ?? throw new InvalidOperationException("release vanished")).WithResult(ReleaseResult.Deployed))
            .WithCurrentRelease(plan.Number)
            .WithStopped(false), none);

        var url = AppAddress.Url(config, app);
        await reply.OutAsync($"=====> {app.Name} deployed: {url} (release {plan.Number}, {ReleaseNames.Short(plan.Revision)}{(fresh.Count > 1 ? $", {fresh.Count} instances" : "")})");
        foreach (var domain in AppAddress.Domains(config, app))
            await reply.OutAsync($"       http://{domain}/");
        // Where the pusher looks anyway: a certificate near its end is news each push until it is renewed.
        if (certs.Read(app.Name) is { } cert)
            await CertLines.WarnAsync(reply, app.Name, cert, clock.GetUtcNow());

        // The pusher need not wait while the units are enabled or nginx's old workers finish their requests
        // on the previous release; the app's next change waits for it instead (SettledAsync), and a napd that
        // dies first leaves it to StartupRecovery, which enables the recorded release and stops the rest.
        Retire(app, fresh, previous, retire);
    }

    void Retire(AppState app, IReadOnlyList<AppInstance> fresh, Release? previous, IReadOnlyList<AppInstance> retire)
    {
        var task = Task.Run(async () =>
        {
            // Enabled, so the release comes back after a reboot; the old one is disabled for the same reason.
            foreach (var instance in fresh)
                await QuietlyAsync(UnitAction.Enable, instance.Unit);
            if (previous is not null)
                foreach (var unit in InstanceRunner.UnitsOf(app.Name, previous))
                    await QuietlyAsync(UnitAction.Disable, unit);
            await instances.ApplyEnablementAsync();
            await instances.DrainAndStopAsync(retire);
            foreach (var instance in retire)
                instances.Forget(instance);
            await retention.PruneAsync(app, CancellationToken.None);
        });
        retiring[app.Name] = task;
    }

    /// <summary>Waits until the app's previous release has drained and stopped; call with the app's lock held.</summary>
    public async Task SettledAsync(string app)
    {
        if (retiring.TryRemove(app, out var task))
        {
            try
            {
                await task;
            }
            catch (Exception)
            {
                // Best effort by design: a release that would not stop shows in `status`, an image that
                // would not go is pruned next time; neither may fail the change that comes after.
            }
        }
    }

    async Task QuietlyAsync(UnitAction action, string instance)
    {
        try
        {
            await systemd.RunAsync(action, instance, CancellationToken.None);
        }
        catch (SystemdException)
        {
            // Disable of one never enabled: nothing to undo. An enable systemd refuses: napd's next start
            // enables the recorded release again; the old one must still drain and stop meanwhile.
        }
    }

    /// <param name="reported">The reason and the journal were shown already (<see cref="UndoAsync"/>).</param>
    async Task<int> FailAsync(string app, ReleasePlan plan, IReadOnlyList<AppInstance> fresh, ReleaseResult result, string reason, IReplyWriter reply, bool reported = false)
    {
        if (!reported)
            await ReportAsync(reason, result == ReleaseResult.Cancelled ? null : fresh[0], reply);
        foreach (var instance in fresh)
        {
            await instances.StopQuietlyAsync(instance.Unit);
            instances.Forget(instance);
        }
        await RecordFailureAsync(app, plan, result, reason);
        await reply.ErrAsync($" !     {app} was not changed: the previous release (if any) still serves");
        return 1;
    }

    /// <param name="journalOf">The instance whose last lines the pusher sees; null when it has nothing to say (cancelled).</param>
    async Task ReportAsync(string reason, AppInstance? journalOf, IReplyWriter reply)
    {
        await reply.ErrAsync($" !     {reason}");
        if (journalOf is null)
            return;
        await reply.ErrAsync($" !     last {LogLinesOnFailure} lines of {journalOf.Unit}:");
        await foreach (var entry in systemd.JournalAsync(new JournalQuery(journalOf.Unit, Lines: LogLinesOnFailure), CancellationToken.None))
            await reply.ErrAsync(" !       " + entry.Message);
    }

    Task RecordFailureAsync(string app, ReleasePlan plan, ReleaseResult result, string reason) =>
        store.UpdateAsync(app, a => a.FindRelease(plan.Number) is { } r ? a.WithRelease(r.WithResult(result, reason)) : a, CancellationToken.None);

    /// <summary>`stop`: every instance of the current release stops, and the app stays stopped across reboots until `start`.</summary>
    public async Task StopAppAsync(AppState app)
    {
        await SettledAsync(app.Name);
        if (app.Current is { } current)
            foreach (var unit in InstanceRunner.UnitsOf(app.Name, current))
                await instances.StopQuietlyAsync(unit);
        await instances.ApplyEnablementAsync();
        await store.UpdateAsync(app.Name, a => a.WithStopped(true), CancellationToken.None);
    }

    /// <summary>Stops and disables an instance; a unit that is gone or already stopped is fine.</summary>
    public Task StopQuietlyAsync(string instance) => instances.StopQuietlyAsync(instance);
}
