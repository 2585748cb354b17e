using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;

namespace Nap.Deployer.Cluster;

/// <summary>
/// On a cluster, the front door follows the tasks: on each engine event (a node, a service, a container) and every
/// 2 s, each app's current service is read again, and when its running tasks differ from its upstream the upstream is
/// rewritten (nginx -t, reload) and recorded. Its first round is napd's start: tasks that moved while napd was down are
/// found at once. An app whose lock is held is skipped for that round: its deploy or scale writes the upstream itself.
/// A napd that is not a cluster's manager asks again only every 30 s (a registry without a swarm would otherwise cost
/// the engine two /info calls every 2 s), and at once when `cluster:init` wakes it.
/// </summary>
public sealed partial class TaskFollower(
    ClusterMode mode, Docker.ISwarm swarm, AppStateStore store, AppLocks locks, ServiceRunner services, ClusterFrontDoor door, ILogger<TaskFollower> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan IdleInterval = TimeSpan.FromSeconds(30);

    readonly SemaphoreSlim changed = new(0, 1);
    readonly SemaphoreSlim woken = new(0, 1);

    /// <summary>This host has just become a cluster's manager: follow its tasks and watch its events now, not in up to 30 s.</summary>
    public void Wake()
    {
        Signal(changed);
        Signal(woken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = WatchAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = IdleInterval;
            try
            {
                if (await mode.RegistryAsync(stoppingToken) is not null)
                {
                    wait = Interval;
                    await FollowAllAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRoundFailed(e.Message);
            }
            try
            {
                await changed.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: each app with a current service, rewritten where its running tasks moved.</summary>
    public async Task FollowAllAsync(CancellationToken ct)
    {
        foreach (var name in store.Names())
        {
            if (await store.ReadAsync(name, ct) is not { Stopped: false, Current.Service: not null })
                continue;
            using var lease = await locks.TryAcquireAsync(name, "napd", ct);
            if (lease is null)
                continue;
            if (await store.ReadAsync(name, ct) is { Stopped: false, AppPort: { } port, Current: { Service: { } service } current } app)
                await FollowAsync(app, port, current, service, ct);
        }
    }

    async Task FollowAsync(AppState app, int port, Release current, string service, CancellationToken ct)
    {
        var serving = TaskPlace.Upstream(TaskPlace.Serving(await services.PlacesAsync(service, ct)));
        // No task runs: the last known ones stay (nginx needs one server), and its retries find whichever comes back.
        if (serving.Count == 0 || serving.SequenceEqual(current.Tasks))
            return;
        try
        {
            await door.ApplyAsync(app, port, serving, ct);
        }
        catch (NginxException e)
        {
            LogRewriteFailed(app.Name, e.Message);
            return;
        }
        await store.UpdateAsync(app.Name, a => a.Current is { } now && now.Number == current.Number ? a.WithRelease(now.WithTasks(serving)) : a, CancellationToken.None);
        LogFollowed(app.Name, string.Join(' ', current.Tasks), string.Join(' ', serving));
    }

    async Task WatchAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wait = IdleInterval;
            try
            {
                if (await mode.RegistryAsync(ct) is not null)
                {
                    wait = Interval;
                    await swarm.WatchAsync(() => Signal(changed), ct);
                }
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The engine restarted or left the swarm: the 2 s rounds go on; watch again after one.
            }
            try
            {
                await woken.WaitAsync(wait, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    static void Signal(SemaphoreSlim signal)
    {
        if (signal.CurrentCount > 0)
            return;
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Raised by another thread meanwhile: one wake-up is enough.
        }
    }

    [LoggerMessage(LogLevel.Information, "{App}: the tasks moved, upstream {Before} -> {After}")]
    partial void LogFollowed(string app, string before, string after);

    [LoggerMessage(LogLevel.Warning, "{App}: nginx refused the tasks' upstream: {Error}")]
    partial void LogRewriteFailed(string app, string error);

    [LoggerMessage(LogLevel.Warning, "following the cluster's tasks failed this round: {Error}")]
    partial void LogRoundFailed(string error);
}
