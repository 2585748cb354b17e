using Nap.Deployer.Apps;
using Nap.Deployer.Instances;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>A release that did not go live: the pusher is told why with the instance's last lines, its instances stop, the record says so.</summary>
public sealed class ReleaseFailures(AppStateStore store, IJournal journal, InstanceRunner instances, Retention retention)
{
    public const int LogLinesOnFailure = 20;

    /// <param name="reported">The reason and the journal were shown already.</param>
    /// <returns>Always null: there is nothing rolled out.</returns>
    public async Task<RolledOut?> FailAsync(string app, ReleasePlan plan, IReadOnlyList<AppInstance> fresh, ReleaseResult result, string reason, IReplyWriter reply, bool reported = false)
    {
        if (!reported)
            await ReportAsync(reason, result == ReleaseResult.Cancelled ? null : fresh[0], reply);
        foreach (var instance in fresh)
        {
            await instances.StopQuietlyAsync(instance.Unit);
            instances.Forget(instance);
        }
        await RecordAsync(app, plan, result, reason);
        await retention.ForgetAsync(app, plan.Number);
        await reply.ProblemAsync($"{app} was not changed: the previous release (if any) still serves");
        return null;
    }

    /// <param name="journalOf">The instance whose last lines the pusher sees; null when it has nothing to say (cancelled).</param>
    public async Task ReportAsync(string reason, AppInstance? journalOf, IReplyWriter reply)
    {
        await reply.ProblemAsync(reason);
        if (journalOf is null)
            return;
        await reply.ProblemAsync($"last {LogLinesOnFailure} lines of {journalOf.Unit}:");
        await foreach (var entry in journal.ReadAsync(new JournalQuery(journalOf.Unit, Lines: LogLinesOnFailure), CancellationToken.None))
            await reply.ProblemAsync("  " + entry.Message);
    }

    public Task RecordAsync(string app, ReleasePlan plan, ReleaseResult result, string reason) =>
        store.UpdateAsync(app, a => a.FindRelease(plan.Number) is { } r ? a.WithRelease(r.WithResult(result, reason)) : a, CancellationToken.None);
}
