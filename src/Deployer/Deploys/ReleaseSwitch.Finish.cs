using System.Collections.Concurrent;
using Nap.Deployer.State;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Deploys;

public sealed partial class ReleaseSwitch
{
    readonly ConcurrentDictionary<string, Task> retiring = new(StringComparer.Ordinal);

    async Task FinishAsync(AppState before, ReleasePlan plan, int appPort, IReplyWriter reply)
    {
        var none = CancellationToken.None;
        var previous = before.CurrentRelease is { } n && n != plan.Number ? before.Current : null;
        var app = await store.UpdateAsync(before.Name, a => a
            .WithAppPort(appPort)
            .WithRelease((a.FindRelease(plan.Number) ?? throw new InvalidOperationException("release vanished")).WithResult(ReleaseResult.Deployed))
            .WithCurrentRelease(plan.Number)
            .WithStopped(false), none);

        // The new release was enabled while it started; the old one is disabled so a reboot brings back only the new.
        if (previous is not null)
            await DisableQuietlyAsync(ReleaseNames.Instance(app.Name, previous.Number));

        var url = AppAddress.Url(config, app);
        await reply.OutAsync($"=====> {app.Name} deployed: {url} (release {plan.Number}, {ReleaseNames.Short(plan.Revision)})");
        foreach (var domain in AppAddress.Domains(config, app))
            await reply.OutAsync($"       http://{domain}/");

        // The pusher need not wait while nginx's old workers finish their requests on the previous
        // release; the app's next change waits for it instead (SettledAsync).
        Retire(app, previous);
    }

    void Retire(AppState app, Release? previous)
    {
        var task = Task.Run(async () =>
        {
            if (previous is not null)
            {
                await Task.Delay(config.Drain);
                await StopQuietlyAsync(ReleaseNames.Instance(app.Name, previous.Number));
            }
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

    async Task DisableQuietlyAsync(string instance)
    {
        try
        {
            await systemd.RunAsync(UnitAction.Disable, instance, CancellationToken.None);
        }
        catch (SystemdException)
        {
            // Never enabled: nothing to undo.
        }
    }

    /// <param name="enabling">The enable under way, if any: it ends before the stop disables the release.</param>
    async Task<int> FailAsync(string app, ReleasePlan plan, ReleaseResult result, string reason, IReplyWriter reply, Task<string?>? enabling = null)
    {
        var none = CancellationToken.None;
        if (enabling is not null)
            await enabling;
        await reply.ErrAsync($" !     {reason}");
        if (result != ReleaseResult.Cancelled)
        {
            await reply.ErrAsync($" !     last {LogLinesOnFailure} lines of {plan.Instance}:");
            await foreach (var entry in systemd.JournalAsync(new JournalQuery(plan.Instance, Lines: LogLinesOnFailure), none))
                await reply.ErrAsync(" !       " + entry.Message);
        }
        await StopQuietlyAsync(plan.Instance);
        await store.UpdateAsync(app, a => a.FindRelease(plan.Number) is { } r ? a.WithRelease(r.WithResult(result, reason)) : a, none);
        await reply.ErrAsync($" !     {app} was not changed: the previous release (if any) still serves");
        return 1;
    }

    /// <summary>Stops and disables an instance; a unit that is gone or already stopped is fine.</summary>
    public async Task StopQuietlyAsync(string instance)
    {
        foreach (var action in new[] { UnitAction.Stop, UnitAction.Disable, UnitAction.ResetFailed })
        {
            try
            {
                await systemd.RunAsync(action, instance, CancellationToken.None);
            }
            catch (SystemdException)
            {
                // reset-failed of a unit that did not fail, disable of one never enabled: nothing to undo.
            }
        }
    }
}
