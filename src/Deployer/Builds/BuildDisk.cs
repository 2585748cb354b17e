using Nap.Deployer.Docker;
using Nap.Deployer.Settings;
using Nap.Deployer.Systemd;

namespace Nap.Deployer.Builds;

/// <summary>
/// The free space a build must leave on the disk docker keeps its layers on (limits.diskFreeMegabytes). Nothing
/// in the engine bounds what a RUN step writes: overlay2 quotas need xfs with project quotas, BuildKit has no bound per
/// build. So napd refuses to start a build on a disk already below the floor, and stops a running build's unit when the
/// disk reaches it; BuildKit then drops the step's unfinished layer and the space comes back within two seconds (seen on
/// both host images, docker 20.10 and 26). The floor is the host's: any build writing when it is reached is stopped.
/// </summary>
public sealed class BuildDisk(NapdConfig settings, ISystemd systemd, DataRoot dataRoot)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The free bytes at a path (statvfs unless given); null when it cannot be read.</summary>
    public Func<string, long?> FreeBytes { get; init; } = DataRoot.FreeBytes;

    int Floor => settings.Limits.DiskFreeMegabytes;

    /// <summary>Where the engine keeps its layers, asked while the checkout runs; null when the floor is off or the engine will not say.</summary>
    public Task<string?> RootAsync() => Floor == 0 ? Task.FromResult<string?>(null) : dataRoot.PathAsync();

    /// <summary>Before the build unit starts: null when the disk has room, else the line that refuses.</summary>
    public string? Refusal(string? root) =>
        root is not null && Megabytes(root) is { } free && free < Floor
            ? $"the build was not started: docker's disk ({root}) has {free} MB free, and a build must leave {Floor} MB ({TenantLimits.Name("diskFreeMegabytes")}): free some space (docker system prune) or lower the limit"
            : null;

    /// <summary>Watches the disk until disposed, stopping <paramref name="unit"/> at the floor.</summary>
    public Watch Start(string? root, string unit) => new(this, root, unit);

    Task StopAsync(string unit) => systemd.StopAsync(unit, CancellationToken.None);

    long? Megabytes(string root) => FreeBytes(root) is { } bytes ? bytes >> 20 : null;

    public sealed class Watch : IAsyncDisposable
    {
        readonly CancellationTokenSource stop = new();
        readonly Task watching;
        readonly BuildDisk disk;
        readonly string? root;

        internal Watch(BuildDisk disk, string? root, string unit)
        {
            this.disk = disk;
            this.root = root;
            watching = root is null ? Task.CompletedTask : Task.Run(() => WatchAsync(root, unit, stop.Token), CancellationToken.None);
        }

        /// <summary>The free megabytes seen when the build was stopped; null while it was not.</summary>
        public long? Stopped { get; private set; }

        /// <summary>Why a failed build failed, when the watch stopped it; null otherwise.</summary>
        public string? Explain() => Stopped is { } free
            ? $"docker's disk ({root}) fell to {free} MB free while it ran, and a build must leave {disk.Floor} MB ({TenantLimits.Name("diskFreeMegabytes")}): it was stopped and what it wrote removed"
            : null;

        async Task WatchAsync(string root, string unit, CancellationToken ct)
        {
            using var timer = new PeriodicTimer(Poll);
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (disk.Megabytes(root) is not { } free || free >= disk.Floor)
                    continue;
                Stopped = free;
                try
                {
                    await disk.StopAsync(unit);
                }
                catch (SystemdException)
                {
                    // It ended by itself meanwhile.
                }
                return;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await watching;
            }
            catch (OperationCanceledException)
            {
            }
            stop.Dispose();
        }
    }
}
