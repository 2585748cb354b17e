namespace Nap.Host.Tests;

/// <summary>
/// Faults in the deploy itself: a build that fails half-way, a pusher that hangs up, napd SIGKILLed
/// during a build, a switch and a destroy. After each: the earlier release answers, the repo keeps
/// what was accepted, nothing stray runs, status agrees, and the next push works.
/// </summary>
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed partial class FaultNapdSpecs(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    readonly NapHost host = fixture.Host;

    [Fact]
    public async Task A_build_failing_half_way_shows_its_output_and_reason_and_the_earlier_release_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fbuild");
        var refs = await host.RefsAsync("fbuild");
        await app.DockerfileAsync("FROM local/busybox:latest\nCOPY www /www\nRUN [\"/bin/sh\", \"-c\", \"echo compiling-step-1; echo compiling-step-2; exit 7\"]\nCMD [\"/bin/httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n", "fails in a RUN");

        var push = await app.PushAsync("fbuild");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("compiling-step-2", push.Output);
        Assert.Contains("the build failed", push.Output);
        Assert.Contains("push rejected: fbuild was not changed", push.Output);
        Assert.Contains("[remote rejected] master -> master (pre-receive hook declined)", push.Output);
        Assert.Equal(refs, await host.RefsAsync("fbuild"));
        await FaultHost.ServesAsync(url, "Hello from nap");
        await host.AssertOnlyReleaseAsync("fbuild", first, url);
        Assert.Contains("BuildFailed", (await host.Ssh("status fbuild")).Output);
    }

    [Fact]
    public async Task The_pusher_hanging_up_mid_build_stops_the_build_and_the_earlier_release_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fgone");
        var refs = await host.RefsAsync("fgone");
        await app.DockerfileAsync(FaultHost.SlowBuild, "slow build");

        using (var push = app.StartPush("fgone"))
        {
            await host.WaitForBuildAsync("fgone");
            push.Kill(entireProcessTree: true);
            await push.WaitForExitAsync();
        }

        // napd notices the hang-up, stops the build unit, then records the release as cancelled; git stores nothing.
        // A oneshot unit is "activating" while it builds, so only inactive or failed says the stop job has ended.
        await host.WaitForAsync("systemctl is-active nap-fgone-build.service | grep -qxE 'inactive|failed'", "the build to stop");
        var releases = await host.Ssh("releases fgone");
        for (var until = DateTime.UtcNow.AddSeconds(30); !releases.Output.Contains("Cancelled", StringComparison.Ordinal) && DateTime.UtcNow < until; releases = await host.Ssh("releases fgone"))
            await Task.Delay(200);
        Assert.Contains("Cancelled", releases.Output);
        Assert.Equal(refs, await host.RefsAsync("fgone"));
        await FaultHost.ServesAsync(url, "Hello from nap");
        await host.AssertOnlyReleaseAsync("fgone", first, url);

        await app.DockerfileAsync(File.ReadAllText(Path.Combine(RepoLayout.Examples, "hello", "Dockerfile")), "quick build");
        await app.RepushServesAsync("fgone", "after the hang-up", url);
    }

    [Fact]
    public async Task Napd_killed_during_a_build_leaves_the_earlier_release_serving_and_an_immediate_repush_works()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fkbuild");
        var refs = await host.RefsAsync("fkbuild");
        await app.DockerfileAsync(FaultHost.SlowBuild, "slow build");

        var pushing = app.PushAsync("fkbuild");
        await host.WaitForBuildAsync("fkbuild");
        await host.KillNapdAsync();
        var push = await pushing;

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("the nap daemon hung up before finishing", push.Output);
        Assert.Equal(refs, await host.RefsAsync("fkbuild"));
        await FaultHost.ServesAsync(url, "Hello from nap");

        // The developer pushes again at once, while the orphaned build may still run.
        await app.DockerfileAsync(File.ReadAllText(Path.Combine(RepoLayout.Examples, "hello", "Dockerfile")), "quick build");
        await app.RepushServesAsync("fkbuild", "after napd died", url);
    }

    [Fact]
    public async Task Napd_killed_during_the_switch_leaves_the_earlier_release_serving_and_a_repush_leaves_no_stray_release()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fkswitch");
        var refs = await host.RefsAsync("fkswitch");
        await app.DockerfileAsync(FaultHost.SlowStart, "slow start");

        var pushing = app.PushAsync("fkswitch");
        await host.WaitForContainerAsync("fkswitch", first + 1);
        await host.KillNapdAsync();
        var push = await pushing;

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("the nap daemon hung up before finishing", push.Output);
        Assert.Equal(refs, await host.RefsAsync("fkswitch"));
        await FaultHost.ServesAsync(url, "Hello from nap");
        var status = await host.Ssh("status fkswitch --json");
        Assert.Contains($"\"release\":{first},", status.Stdout);

        await app.DockerfileAsync(File.ReadAllText(Path.Combine(RepoLayout.Examples, "hello", "Dockerfile")), "quick start");
        await app.RepushServesAsync("fkswitch", "after the switch was cut", url);
    }

    [Fact]
    public async Task Napd_killed_during_destroy_then_destroy_again_removes_everything_and_the_name_can_be_pushed_anew()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        // The container ignores SIGTERM, so `docker stop` takes its whole timeout: destroy is slow enough to be cut.
        await app.DockerfileAsync("FROM local/busybox:latest\nCOPY www /www\nEXPOSE 8080\nCMD [\"/bin/sh\", \"-c\", \"trap '' TERM; exec /bin/httpd -f -p 8080 -h /www\"]\n", "ignores TERM");
        var (url, first) = await app.DeployAsync("fkdestroy");

        var destroying = host.Ssh("destroy fkdestroy --force");
        await host.WaitForAsync($"systemctl is-active nap-fkdestroy@{first}.service | grep -qx deactivating", "destroy to stop the release");
        await host.KillNapdAsync();
        var destroy = await destroying;

        Assert.NotEqual(0, destroy.ExitCode);
        Assert.Contains("the nap daemon hung up before finishing", destroy.Output);

        var again = await host.Ssh("destroy fkdestroy --force");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("=====> fkdestroy destroyed", again.Output);
        var left = await host.Exec("sh", "-c",
            "ls -d /var/lib/nap/repos/fkdestroy.git /var/lib/nap/apps/fkdestroy /etc/systemd/system/nap-fkdestroy* /etc/nginx/conf.d/*fkdestroy* 2>/dev/null;"
            + " ls /etc/systemd/system/multi-user.target.wants | grep fkdestroy; docker ps -a --format '{{.Names}}' | grep fkdestroy; docker images -q nap/fkdestroy; true");
        Assert.Equal("", left.Stdout.Trim());
        await Assert.ThrowsAnyAsync<Exception>(() => FaultHost.Http.GetStringAsync(url));

        await app.DockerfileAsync(File.ReadAllText(Path.Combine(RepoLayout.Examples, "hello", "Dockerfile")), "plain");
        var (url2, release) = await app.DeployAsync("fkdestroy");
        Assert.Equal(1, release);
        await host.AssertOnlyReleaseAsync("fkdestroy", 1, url2);
    }
}
