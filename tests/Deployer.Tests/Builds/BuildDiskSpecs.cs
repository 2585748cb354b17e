using Microsoft.Extensions.Logging.Abstractions;
using Nap.Deployer.Builds;
using Nap.Deployer.Docker;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Builds;

/// <summary>
/// The floor a build must leave on docker's disk, with the disk's free space given: the host specs
/// (HostileDiskFloorSpecs) fill a real one.
/// </summary>
public sealed class BuildDiskSpecs(DockerFixture docker) : IClassFixture<DockerFixture>
{
    const string Root = "/var/lib/docker";
    const string Unit = "nap-web-build.service";
    const long Megabyte = 1 << 20;

    readonly RecordingSystemd systemd = new();

    BuildDisk Disk(Func<string, long?> free, int floor = 1024) =>
        new(new NapdConfig().WithLimits(new TenantLimits { DiskFreeMegabytes = floor }), systemd, new DataRoot(docker.Engine, NullLogger<DataRoot>.Instance)) { FreeBytes = free };

    /// <summary>Free space that falls by <paramref name="step"/> MB each time it is read, from <paramref name="first"/> MB.</summary>
    static Func<string, long?> Falling(long first, long step, List<string> reads)
    {
        var now = first + step;
        return path =>
        {
            lock (reads)
                reads.Add(path);
            return Interlocked.Add(ref now, -step) * Megabyte;
        };
    }

    async Task<bool> StoppedAsync()
    {
        for (var i = 0; i < 200 && !systemd.Calls.Contains($"stop {Unit}"); i++)
            await Task.Delay(25);
        return systemd.Calls.Contains($"stop {Unit}");
    }

    [Fact]
    public void A_build_on_a_disk_already_below_the_floor_is_not_started_and_the_line_names_the_setting()
    {
        var refusal = Disk(_ => 800 * Megabyte).Refusal(Root);

        Assert.Equal("the build was not started: docker's disk (/var/lib/docker) has 800 MB free, and a build must leave 1024 MB (limits.diskFreeMegabytes in /etc/nap/napd.json): free some space (docker system prune) or lower the limit", refusal);
    }

    [Theory]
    [InlineData(1024L * Megabyte)]
    [InlineData(null)]
    public void A_disk_at_the_floor_or_one_napd_cannot_read_starts_the_build(long? free) =>
        Assert.Null(Disk(_ => free).Refusal(Root));

    [Fact]
    public async Task A_build_that_brings_the_disk_below_the_floor_has_its_unit_stopped_and_is_told_why()
    {
        var reads = new List<string>();
        var disk = Disk(Falling(1300, 100, reads), floor: 1024);

        await using (var watch = disk.Start(Root, Unit))
        {
            Assert.True(await StoppedAsync());
            Assert.Equal("docker's disk (/var/lib/docker) fell to 1000 MB free while it ran, and a build must leave 1024 MB (limits.diskFreeMegabytes in /etc/nap/napd.json): it was stopped and what it wrote removed", watch.Explain());
        }
        Assert.Equal([$"stop {Unit}"], systemd.Calls);
        Assert.All(reads, path => Assert.Equal(Root, path));
        // It stops watching once it has stopped the build.
        Assert.Equal(4, reads.Count);
    }

    [Fact]
    public async Task A_build_that_keeps_above_the_floor_runs_on()
    {
        var reads = new List<string>();
        var disk = Disk(Falling(5000, 1, reads));

        await using (var watch = disk.Start(Root, Unit))
        {
            while (reads.Count < 3)
                await Task.Delay(25);
            Assert.Null(watch.Explain());
        }
        Assert.Empty(systemd.Calls);
    }

    [Fact]
    public async Task Without_a_data_root_nothing_is_read_or_stopped()
    {
        var reads = new List<string>();
        var disk = Disk(Falling(10, 100, reads));

        await using (var watch = disk.Start(null, Unit))
        {
            await Task.Delay(300);
            Assert.Null(watch.Explain());
        }
        Assert.Empty(reads);
        Assert.Empty(systemd.Calls);
    }

    [Fact]
    public async Task No_floor_asks_the_engine_nothing()
    {
        Assert.Null(await Disk(_ => 0, floor: 0).RootAsync());
        Assert.Null(Disk(_ => 0, floor: 0).Refusal(Root));
    }

    [Fact]
    public async Task The_engine_names_its_data_root_and_the_free_space_is_read_there()
    {
        var disk = new BuildDisk(new NapdConfig(), systemd, new DataRoot(docker.Engine, NullLogger<DataRoot>.Instance));

        var root = await disk.RootAsync();

        Assert.NotNull(root);
        Assert.True(Directory.Exists(root), root);
        Assert.Equal((double)new DriveInfo(root).AvailableFreeSpace / Megabyte, (double)disk.FreeBytes(root)!.Value / Megabyte, tolerance: 64);
        Assert.Null(disk.FreeBytes("/no/such/dir"));
    }
}
