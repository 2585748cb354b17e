using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Releases;
using Nap.Deployer.Repos;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// Runs the hooks' deploys in the background, one app at a time under the app's lock as a push would, recorded
/// with key hook:FORGE. Deliveries that arrive while one deploys coalesce to the newest: a tenant (or a busy
/// forge) can never queue more than one waiting deploy per app.
/// </summary>
public sealed partial class HookDeploys(
    HookFetch fetch, DeliveryLog log, DeployPipeline pipeline, GitArchive archive, AppLocks locks, AppStateStore apps,
    CommitStatus status, IHostApplicationLifetime lifetime, ILogger<HookDeploys> logger) : IHookDeployQueue
{
    public sealed record Job(string App, HookConfig Hook, string DeliveryId, string Revision);

    readonly Dictionary<string, Job> waiting = new(StringComparer.Ordinal);
    readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);

    public void Enqueue(Job job)
    {
        lock (waiting)
        {
            if (waiting.Remove(job.App, out var older))
                log.Update(older.App, older.DeliveryId, d => d.WithResult($"superseded by {job.DeliveryId}"));
            waiting[job.App] = job;
            if (!running.ContainsKey(job.App))
                running[job.App] = Task.Run(() => DrainAsync(job.App));
        }
    }

    /// <summary>Completes once <paramref name="app"/> has nothing deploying or waiting (for tests and destroy).</summary>
    public Task IdleAsync(string app)
    {
        lock (waiting)
            return running.TryGetValue(app, out var task) ? task : Task.CompletedTask;
    }

    async Task DrainAsync(string app)
    {
        while (true)
        {
            Job? job;
            lock (waiting)
            {
                if (!waiting.Remove(app, out job))
                {
                    running.Remove(app);
                    return;
                }
            }
            try
            {
                await DeployAsync(job, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // The release napd was making is recorded Cancelled; the one before keeps serving.
                log.Update(app, job.DeliveryId, d => d.WithResult("failed: napd stopped during the deploy; the running release keeps serving"));
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, app);
                log.Update(app, job.DeliveryId, d => d.WithResult("failed: " + e.Message.ReplaceLineEndings(" ")));
            }
        }
    }

    async Task DeployAsync(Job job, CancellationToken ct)
    {
        var (app, hook, id, revision) = job;
        var key = hook.Dialect.DeployKey;
        log.Update(app, id, d => d.WithResult("deploying"));
        using var lease = await locks.AcquireAsync(app, key, AppLocks.DefaultWait, ct);
        if (lease is null)
        {
            await FinishAsync(job, false, $"failed: the {AppLocks.Describe(app, locks.Holder(app))} held the app for {AppLocks.DefaultWait.TotalMinutes:0} minutes");
            return;
        }
        if (await apps.ReadAsync(app, ct) is null)
        {
            await FinishAsync(job, false, "failed: the app is gone");
            return;
        }
        try
        {
            await fetch.FetchAsync(app, hook, revision, ct);
        }
        catch (HookFetchException e)
        {
            await FinishAsync(job, false, "failed: " + e.Message);
            return;
        }
        var reply = new JournalReply(logger, app);
        var code = await pipeline.DeployAsync(app, revision, key, (dest, token) => archive.ExtractAsync(app, revision, dest, token), reply, ct);
        if (code != 0)
        {
            var why = reply.LastLines.LastOrDefault(l => l.Contains(RemoteLines.ProblemPrefix, StringComparison.Ordinal) && !l.Contains(DeployPipeline.Rejected, StringComparison.Ordinal))?.Trim();
            await FinishAsync(job, false, "failed: " + (why ?? "the deploy failed") + "; the running release keeps serving", reply.LastLines);
            return;
        }
        await fetch.SetBranchAsync(app, hook, revision);
        var release = (await apps.ReadAsync(app, CancellationToken.None))?.CurrentRelease;
        await FinishAsync(job, true, "deployed", release: release);
    }

    async Task FinishAsync(Job job, bool live, string result, IReadOnlyList<string>? output = null, int? release = null)
    {
        LogFinished(job.App, job.DeliveryId, result);
        log.Update(job.App, job.DeliveryId, d => d.WithResult(result, release, live ? null : output));
        if (job.Hook.StatusToken is not null)
            await status.PostAsync(job.Hook, job.Revision, live, result, job.App);
    }

    [LoggerMessage(LogLevel.Error, "hook deploy of {App} failed")]
    partial void LogFailed(Exception e, string app);

    [LoggerMessage(LogLevel.Information, "hook delivery {Id} of {App}: {Result}")]
    partial void LogFinished(string app, string id, string result);
}
