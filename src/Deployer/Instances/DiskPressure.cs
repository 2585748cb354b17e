using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Instances;

/// <summary>
/// Keeps limits.diskFreeMegabytes on docker's disk while apps run, as kubelet's eviction keeps a node's: what a running
/// container writes (its own layer, its volumes) has no bound docker can set on ext4. Four times a second napd reads
/// the free space (statvfs); below the floor it measures each app's writes twice, a quarter second apart, and stops
/// the app whose writes grew most, as `stop APP` does: `--rm` takes its containers' layers with them, and it stays stopped, saying
/// why, until its owner runs `start`. An app that is not writing is never stopped: a disk filled by what does not
/// grow (images, a database at rest) is the admin's to free, and napd says so in its journal.
/// </summary>
public sealed partial class DiskPressure(
    NapdConfig settings, DataRoot dataRoot, IDocker docker, NapPaths paths, AppStateStore store, AppLocks locks, AppStopper stopper,
    TimeProvider clock, ILogger<DiskPressure> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>What a writer must add in the window to be the one stopped (4 MB a second): less is a log line, not a runaway.</summary>
    const long LeastGrowth = 1 << 20;

    static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    /// <summary>How far the disk must fall after a measurement before the next: a disk that holds still has no writer to find.</summary>
    const long FallMegabytes = 64;

    /// <summary>The free bytes at a path (statvfs unless given); null when it cannot be read.</summary>
    public Func<string, long?> FreeBytes { get; init; } = DataRoot.FreeBytes;

    /// <summary>What each app's running containers wrote into their layers (the engine's count unless given).</summary>
    public Func<CancellationToken, Task<IReadOnlyDictionary<string, long>>> Layers { get; init; } = docker.WrittenByAppAsync;

    int Floor => settings.Limits.DiskFreeMegabytes;

    /// <summary>
    /// The free megabytes when the disk, under the floor, was last measured; null above it. The engine walks every
    /// layer to count it, so a disk that stays under the floor without falling is not measured again and again.
    /// </summary>
    long? _measuredAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Floor == 0)
            return;
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(e.Message);
            }
        }
    }

    /// <returns>The app stopped, if one was.</returns>
    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        if (await dataRoot.PathAsync() is not { } root || FreeBytes(root) is not { } bytes || bytes >> 20 >= Floor)
        {
            _measuredAt = null;
            return null;
        }
        var free = bytes >> 20;
        if (_measuredAt is { } at && free > at - FallMegabytes)
            return null;
        var before = await WrittenAsync(ct);
        await Task.Delay(Window, clock, ct);
        var after = await WrittenAsync(ct);
        var (app, growth) = after.Select(a => (a.Key, Growth: a.Value - before.GetValueOrDefault(a.Key))).DefaultIfEmpty().MaxBy(a => a.Growth);
        if (app is null || growth < LeastGrowth)
        {
            if (_measuredAt is null)
                LogNoWriter(root, free, Floor);
            _measuredAt = free;
            return null;
        }
        var why = $"docker's disk ({root}) fell to {free} MB free while its containers wrote {(long)((growth >> 20) / Window.TotalSeconds)} MB a second ({after[app] >> 20} MB in all), and nap keeps {Floor} MB free ({TenantLimits.Name("diskFreeMegabytes")})";
        if (!await StopAsync(app, why, ct))
            return null;
        // Only a further fall measures again: another app is stopped only if it writes too.
        _measuredAt = free;
        return app;
    }

    async Task<bool> StopAsync(string name, string why, CancellationToken ct)
    {
        // A deploy of the writer holds its lock until its health wait ends: the next tick tries again.
        using var lease = await locks.TryAcquireAsync(name, "napd", ct);
        if (lease is null || await store.ReadAsync(name, ct) is not { Stopped: false } app)
            return false;
        await stopper.StopAsync(app, why);
        LogStopped(name, why);
        return true;
    }

    /// <summary>Bytes each app's running containers wrote: their layers (the engine counts them) and the app's volumes.</summary>
    async Task<Dictionary<string, long>> WrittenAsync(CancellationToken ct)
    {
        var layers = await Layers(ct);
        return layers.ToDictionary(l => l.Key, l => l.Value + VolumeBytes(l.Key));
    }

    long VolumeBytes(string app)
    {
        var volumes = new DirectoryInfo(Path.Combine(paths.App(app), "volumes"));
        if (!volumes.Exists)
            return 0;
        var walk = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return volumes.EnumerateFiles("*", walk).Sum(f => f.Length);
    }

    [LoggerMessage(LogLevel.Warning, "{App} stopped: {Why}; its owner's `start` runs it again")]
    partial void LogStopped(string app, string why);

    [LoggerMessage(LogLevel.Warning, "docker's disk ({Root}) has {Free} MB free, under the {Floor} MB nap keeps (limits.diskFreeMegabytes), and no app's containers are writing: builds are refused until space is freed (docker system prune)")]
    partial void LogNoWriter(string root, long free, int floor);

    [LoggerMessage(LogLevel.Warning, "the disk check failed: {Error}")]
    partial void LogCheckFailed(string error);
}
