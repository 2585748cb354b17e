using System.Security.Cryptography;

namespace Nap.Host.Tests;

/// <summary>
/// The host itself fails: a reboot (`docker restart` of the host container), a reboot in the middle
/// of a deploy, a full data disk. Every app comes back at the same address; nothing accepted is lost.
/// </summary>
public sealed class FaultRebootSpecs(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    readonly NapHost host = fixture.Host;

    static string HelloDockerfile => File.ReadAllText(Path.Combine(RepoLayout.Examples, "hello", "Dockerfile"));

    readonly Dictionary<string, string> _moves = [];

    /// <summary>
    /// An address from before a reboot, at the host's address now. docker's bridge may hand the restarted
    /// container another IP (a real host keeps its own); what nap keeps is the app's port, and that is checked.
    /// </summary>
    string At(string url) => _moves.Aggregate(url, (u, move) => u.Replace($"//{move.Key}:", $"//{move.Value}:", StringComparison.Ordinal));

    /// <summary>Power-cycles the host container and waits until systemd has booted it again.</summary>
    async Task RebootAsync()
    {
        var ip = host.Ip;
        (await Run.Async("docker", ["restart", "-t", "5", host.ContainerId], timeout: TimeSpan.FromMinutes(2))).EnsureSuccess("docker restart");
        var now = await host.FollowRestartAsync();
        if (now != ip)
        {
            foreach (var from in _moves.Where(m => m.Value == ip).Select(m => m.Key).ToList())
                _moves[from] = now;
            _moves[ip] = now;
        }
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var state = (await host.Exec("systemctl", "is-system-running", "--wait")).Stdout.Trim();
            if (state is "running" or "degraded")
                break;
            Assert.True(DateTime.UtcNow < until, $"the host did not boot again: {state}");
            await Task.Delay(500);
        }
        await host.WaitForAsync("systemctl is-active -q napd && test -S /run/nap/napd.sock", "napd after the reboot");
    }

    [Fact]
    public async Task After_a_reboot_every_app_serves_again_at_the_same_address_and_a_stopped_app_stays_stopped()
    {
        using var one = await GitWorkTree.CreateAsync(host, "hello");
        using var two = await GitWorkTree.CreateAsync(host, "hello");
        using var three = await GitWorkTree.CreateAsync(host, "hello");
        await two.ChangePageAsync("the second app");
        var (url1, r1) = await one.DeployAsync("fboot1");
        var (url2, r2) = await two.DeployAsync("fboot2", "the second app");
        var (url3, _) = await three.DeployAsync("fboot3");
        Assert.Equal(0, (await host.Ssh("stop fboot3")).ExitCode);

        await RebootAsync();

        await FaultHost.ServesAsync(At(url1), "Hello from nap", TimeSpan.FromSeconds(60));
        await FaultHost.ServesAsync(At(url2), "the second app", TimeSpan.FromSeconds(60));
        await host.AssertOnlyReleaseAsync("fboot1", r1, At(url1));
        await host.AssertOnlyReleaseAsync("fboot2", r2, At(url2));
        Assert.Contains("\"state\":\"stopped\"", (await host.Ssh("status fboot3 --json")).Stdout);
        Assert.Equal("", (await host.Exec("sh", "-c", "docker ps --format '{{.Names}}' | grep fboot3 || true")).Stdout.Trim());
        await Assert.ThrowsAnyAsync<Exception>(() => FaultHost.Http.GetStringAsync(At(url3)));
    }

    [Fact]
    public async Task A_reboot_in_the_middle_of_a_build_brings_back_the_earlier_release_at_the_same_address_and_a_repush_works()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fmid");
        var refs = await host.RefsAsync("fmid");
        await app.DockerfileAsync(FaultHost.SlowBuild, "slow build");

        var pushing = app.PushAsync("fmid");
        await host.WaitForBuildAsync("fmid");
        await RebootAsync();
        var push = await pushing;

        Assert.NotEqual(0, push.ExitCode);
        Assert.Equal(refs, await host.RefsAsync("fmid"));
        await FaultHost.ServesAsync(At(url), "Hello from nap", TimeSpan.FromSeconds(60));
        await host.AssertOnlyReleaseAsync("fmid", first, At(url));

        await app.DockerfileAsync(HelloDockerfile, "quick build");
        await app.RepushServesAsync("fmid", "after the reboot", At(url));
    }

    [Fact]
    public async Task A_reboot_during_the_switch_brings_back_only_the_earlier_release_and_a_repush_works()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fswitch");
        var refs = await host.RefsAsync("fswitch");
        await app.DockerfileAsync(FaultHost.SlowStart, "slow start");

        // The new release runs beside the old one, in its health gate, when the power goes.
        var pushing = app.PushAsync("fswitch");
        await host.WaitForContainerAsync("fswitch", first + 1);
        await RebootAsync();
        var push = await pushing;

        Assert.NotEqual(0, push.ExitCode);
        Assert.Equal(refs, await host.RefsAsync("fswitch"));
        await FaultHost.ServesAsync(At(url), "Hello from nap", TimeSpan.FromSeconds(60));
        await host.AssertOnlyReleaseAsync("fswitch", first, At(url));
        // docker restart ends the host with SIGKILL (systemd takes its SIGTERM for a re-exec): napd dies first
        // (interrupted), or sees the new release die in its health gate a moment before (unhealthy).
        Assert.Matches(@"(?m)^\s+2\s+\S+\s+\S+ \S+\s+(Cancelled\s.*interrupted: napd stopped during this deploy|Unhealthy\s)", (await host.Ssh("releases fswitch")).Output);

        await app.DockerfileAsync(HelloDockerfile, "quick start");
        await app.RepushServesAsync("fswitch", "after the reboot", At(url));
    }

    [Fact]
    public async Task A_full_data_disk_rejects_the_push_with_the_reason_and_the_earlier_release_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fdisk");
        var refs = await host.RefsAsync("fdisk");
        // The releases folder moves to a 1 MB filesystem (its content copied over), and the next revision is bigger.
        const string releases = "/var/lib/nap/apps/fdisk/releases";
        (await host.Exec("sh", "-c", $"cp -a {releases} /root/fdisk-releases && mount -t tmpfs -o size=1m,mode=0755 nap-full {releases} && cp -a /root/fdisk-releases/. {releases}/"))
            .EnsureSuccess("mounting a small filesystem");
        // napd runs in its own mount namespace (ProtectSystem=...): it sees the mount table of its start.
        await host.RestartNapdAsync();
        ExecResult push;
        try
        {
            await File.WriteAllBytesAsync(app.File("www/big.bin"), RandomNumberGenerator.GetBytes(3 * 1024 * 1024));
            await app.CommitAsync("a big file");

            push = await app.PushAsync("fdisk");

            await FaultHost.ServesAsync(url, "Hello from nap");
        }
        finally
        {
            await host.Exec("umount", releases);
            await host.RestartNapdAsync();
        }

        Assert.True(push.ExitCode != 0 && push.Output.Contains("No space left on device", StringComparison.Ordinal)
            && push.Output.Contains("push rejected: fdisk was not changed", StringComparison.Ordinal), push.ToString());
        Assert.Contains("BuildFailed", (await host.Ssh("status fdisk")).Output);
        Assert.Equal(refs, await host.RefsAsync("fdisk"));
        await host.AssertOnlyReleaseAsync("fdisk", first, url);

        var (again, next) = await app.DeployAsync("fdisk");
        Assert.Equal(url, again);
        await host.AssertOnlyReleaseAsync("fdisk", next, url);
    }
}
