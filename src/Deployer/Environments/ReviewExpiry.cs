using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Releases;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>
/// Removes review apps whose ttl after their branch's last push has passed: at napd's start, then hourly. napd's own
/// check rather than a systemd timer: napd already runs, knows the apps and takes their locks.
/// </summary>
public sealed partial class ReviewExpiry(AppStateStore store, AppLocks locks, AppRemoval removal, TimeProvider clock, ILogger<ReviewExpiry> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>The review apps removed (APP.ENV).</returns>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken ct)
    {
        var removed = new List<string>();
        foreach (var name in store.Names().Where(AppSlot.IsEnvironment))
        {
            if (!IsDue(await store.ReadAsync(AppSlot.AppOf(name), ct), await store.ReadAsync(name, ct), clock.GetUtcNow()))
                continue;
            using var lease = await locks.AcquireAsync(name, "napd", AppLocks.DefaultWait, ct);
            // Read again under the lock: a push may have just renewed it.
            if (lease is null || await store.ReadAsync(name, ct) is not { } slot || !IsDue(await store.ReadAsync(AppSlot.AppOf(name), ct), slot, clock.GetUtcNow()))
                continue;
            await removal.RemoveAsync(slot);
            LogExpired(name);
            removed.Add(name);
        }
        return removed;
    }

    /// <summary>A review app of an app whose review apps are on, its ttl since the last push gone. Off keeps them (until their branch goes): the ttl is the app's setting.</summary>
    public static bool IsDue(AppState? app, AppState? slot, DateTimeOffset now) =>
        slot is { Review: true, LastPush: { } last } && app?.ReviewApps is { } review && now - last >= review.Ttl;

    [LoggerMessage(LogLevel.Information, "{Slot}: review app removed, its ttl after the last push ended")]
    partial void LogExpired(string slot);

    [LoggerMessage(LogLevel.Warning, "review apps: the expiry check failed: {Error}")]
    partial void LogSweepFailed(string error);
}
