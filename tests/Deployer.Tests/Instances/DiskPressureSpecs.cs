using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Instances;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Instances;

/// <summary>
/// Two tenants' running apps, docker's disk and the apps' writes given: the host specs (HostileDiskFloorSpecs)
/// fill a real disk from a real container.
/// </summary>
public sealed class DiskPressureSpecs : IAsyncLifetime
{
    const long Megabyte = 1 << 20;

    readonly RecordingSystemd systemd = new();
    TestNapd napd = null!;

    public async Task InitializeAsync()
    {
        napd = await TestNapd.StartAsync(systemd.Register);
        foreach (var (app, key) in new[] { ("shop", Keys.Alice), ("blog", Keys.Bob) })
        {
            await napd.SendAsync(key, "git-receive-pack", app);
            await napd.Get<AppStateStore>().UpdateAsync(app, a => a
                .WithRelease(new Release(1, "abc", key, DateTimeOffset.UnixEpoch, $"nap/{app}:1", 20001, ReleaseResult.Deployed)).WithCurrentRelease(1));
        }
    }

    public async Task DisposeAsync() => await napd.DisposeAsync();

    /// <summary>The disk at <paramref name="freeMegabytes"/>; the apps' layers as each read of them gives, the last one repeated.</summary>
    DiskPressure Pressure(long freeMegabytes, List<Dictionary<string, long>> reads, params Dictionary<string, long>[] layers) =>
        Pressure(() => freeMegabytes, reads, layers);

    DiskPressure Pressure(Func<long> freeMegabytes, List<Dictionary<string, long>> reads, params Dictionary<string, long>[] layers)
    {
        var next = 0;
        return new DiskPressure(napd.Config, napd.Get<DataRoot>(), napd.Get<IDocker>(), napd.Paths, napd.Get<AppStateStore>(), napd.Get<AppLocks>(),
            napd.Get<AppStopper>(), TimeProvider.System, NullLogger<DiskPressure>.Instance)
        {
            FreeBytes = _ => freeMegabytes() * Megabyte,
            Layers = _ =>
            {
                var read = layers[Math.Min(next++, layers.Length - 1)];
                reads.Add(read);
                return Task.FromResult<IReadOnlyDictionary<string, long>>(read.ToDictionary(l => l.Key, l => l.Value * Megabyte));
            },
        };
    }

    Task<AppState?> AppAsync(string name) => napd.Get<AppStateStore>().ReadAsync(name);

    [Fact]
    public async Task The_app_whose_containers_write_while_the_disk_is_under_its_floor_is_stopped_and_its_owner_told_why()
    {
        var reads = new List<Dictionary<string, long>>();
        var pressure = Pressure(500, reads, new() { ["shop"] = 900, ["blog"] = 10 }, new() { ["shop"] = 900, ["blog"] = 210 });

        var stopped = await pressure.CheckAsync(default);

        var root = await napd.Get<DataRoot>().PathAsync();
        var why = $"docker's disk ({root}) fell to 500 MB free while its containers wrote 800 MB a second (210 MB in all), and nap keeps 1024 MB free (limits.diskFreeMegabytes in /etc/nap/napd.json)";
        Assert.Equal("blog", stopped);
        Assert.Equal((true, why), ((await AppAsync("blog"))!.Stopped, (await AppAsync("blog"))!.StoppedWhy));
        Assert.False((await AppAsync("shop"))!.Stopped);
        Assert.Contains("stop nap-blog@1.service", systemd.Calls);
        Assert.DoesNotContain(systemd.Calls, c => c.Contains("shop", StringComparison.Ordinal));
        var status = await napd.SendAsync(Keys.Bob, "status", "blog");
        Assert.Contains($"stopped by napd: {why} (then: start blog)", status.Out);
        var json = $"\"stoppedWhy\":\"{why.Replace("'", "\\u0027", StringComparison.Ordinal)}\"";
        Assert.Contains(json, (await napd.SendAsync(Keys.Bob, "status", "blog", "--json")).Out);
        Assert.Contains($"blog: scale 1, release 1, stopped by napd: {why}", (await napd.SendAsync(Keys.Bob, "ps", "blog")).Out);
        Assert.Contains(json, (await napd.SendAsync(Keys.Bob, "ps", "blog", "--json")).Out);
        // The other tenant learns nothing of it, nor of the host's disk.
        foreach (var verb in new[] { "ps", "status" })
        {
            var stranger = await napd.SendAsync(Keys.Alice, verb, "blog", "--json");
            Assert.Equal(1, stranger.Code);
            Assert.StartsWith("blog: no such app for key alice (", stranger.Err);
            Assert.DoesNotContain("fell to", stranger.Out + stranger.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_app_that_is_not_writing_is_never_stopped_whatever_it_holds()
    {
        var reads = new List<Dictionary<string, long>>();
        var pressure = Pressure(500, reads, new Dictionary<string, long> { ["shop"] = 50_000, ["blog"] = 10 });

        Assert.Null(await pressure.CheckAsync(default));

        Assert.Equal(2, reads.Count);
        Assert.False((await AppAsync("shop"))!.Stopped);
        Assert.DoesNotContain(systemd.Calls, c => c.StartsWith("stop ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disk_that_holds_still_under_the_floor_is_measured_again_only_once_it_falls_further()
    {
        var reads = new List<Dictionary<string, long>>();
        long free = 500;
        var pressure = Pressure(() => free, reads, new Dictionary<string, long> { ["shop"] = 50_000 });

        await pressure.CheckAsync(default);
        await pressure.CheckAsync(default);
        free = 440;
        await pressure.CheckAsync(default);
        var heldStill = reads.Count;
        free = 430;
        await pressure.CheckAsync(default);

        Assert.Equal(2, heldStill);
        Assert.Equal(4, reads.Count);
    }

    [Fact]
    public async Task Above_the_floor_no_app_is_measured()
    {
        var reads = new List<Dictionary<string, long>>();
        var pressure = Pressure(1024, reads, new() { ["shop"] = 1 }, new() { ["shop"] = 5_000 });

        Assert.Null(await pressure.CheckAsync(default));

        Assert.Empty(reads);
    }

    [Fact]
    public async Task Starting_the_app_again_forgets_why_napd_stopped_it()
    {
        var stopped = await napd.Get<AppStateStore>().UpdateAsync("blog", a => a.WithStopped(true, "the disk"));

        Assert.Null(stopped.WithStopped(false).StoppedWhy);
        Assert.Null(stopped.WithStopped(true).StoppedWhy);
    }
}
