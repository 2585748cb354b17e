namespace Nap.Host.Tests;

/// <summary>
/// Faults in what napd drives: the Docker engine stopped during a build and during a switch, nginx's
/// configuration broken by hand, ports taken by other processes, a release that crash-loops, a container left
/// behind under a release's name.
/// </summary>
public sealed class FaultEngineSpecs(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    readonly NapHost host = fixture.Host;

    static string HelloDockerfile => File.ReadAllText(Path.Combine(RepoLayout.Examples, "hello", "Dockerfile"));

    async Task StopDockerAsync() =>
        (await host.Exec("systemctl", "stop", "docker.socket", "docker.service")).EnsureSuccess("systemctl stop docker");

    async Task StartDockerAsync()
    {
        (await host.Exec("systemctl", "start", "docker.socket", "docker.service")).EnsureSuccess("systemctl start docker");
        await host.WaitForAsync("docker version >/dev/null 2>&1", "docker to answer");
    }

    [Fact]
    public async Task The_Docker_engine_stopped_during_a_build_fails_the_push_and_once_it_is_back_the_earlier_release_serves_and_a_repush_works()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fdbuild");
        var refs = await host.RefsAsync("fdbuild");
        await app.DockerfileAsync(FaultHost.SlowBuild, "slow build");

        var pushing = app.PushAsync("fdbuild");
        await host.WaitForBuildAsync("fdbuild");
        ExecResult push;
        try
        {
            await StopDockerAsync();
            push = await pushing;
        }
        finally
        {
            await StartDockerAsync();
        }

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("the build failed", push.Output);
        Assert.True(push.Output.Contains("push rejected: fdbuild was not changed", StringComparison.Ordinal), push.ToString());
        Assert.Equal(refs, await host.RefsAsync("fdbuild"));
        // The engine is back: the release that served before serves again, by itself.
        await FaultHost.ServesAsync(url, "Hello from nap", TimeSpan.FromSeconds(45));
        await host.AssertOnlyReleaseAsync("fdbuild", first, url);

        await app.DockerfileAsync(HelloDockerfile, "quick build");
        await app.RepushServesAsync("fdbuild", "after docker came back", url);
    }

    [Fact]
    public async Task The_Docker_engine_stopped_during_a_switch_fails_the_push_and_once_it_is_back_the_earlier_release_serves_and_a_repush_works()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fdswitch");
        var refs = await host.RefsAsync("fdswitch");
        await app.DockerfileAsync(FaultHost.SlowStart, "slow start");

        var pushing = app.PushAsync("fdswitch");
        await host.WaitForContainerAsync("fdswitch", first + 1);
        ExecResult push;
        try
        {
            await StopDockerAsync();
            push = await pushing;
        }
        finally
        {
            await StartDockerAsync();
        }

        Assert.NotEqual(0, push.ExitCode);
        Assert.True(push.Output.Contains($"release {first + 1} is not healthy", StringComparison.Ordinal), push.ToString());
        Assert.True(push.Output.Contains("fdswitch was not changed", StringComparison.Ordinal), push.ToString());
        Assert.Equal(refs, await host.RefsAsync("fdswitch"));
        await FaultHost.ServesAsync(url, "Hello from nap", TimeSpan.FromSeconds(45));
        await host.AssertOnlyReleaseAsync("fdswitch", first, url);

        await app.DockerfileAsync(HelloDockerfile, "quick start");
        await app.RepushServesAsync("fdswitch", "after the engine stop", url);
    }

    [Fact]
    public async Task A_broken_nginx_file_of_someone_else_fails_the_deploy_with_nginx_s_message_and_the_earlier_release_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fnginx");
        var refs = await host.RefsAsync("fnginx");
        var before = (await host.Exec("cat", "/etc/nginx/conf.d/nap-fnginx.conf")).Stdout;
        await app.ChangePageAsync("second");
        ExecResult push;
        try
        {
            (await host.Exec("sh", "-c", "echo 'this is not nginx;' > /etc/nginx/conf.d/admin-broke-this.conf")).EnsureSuccess("breaking nginx");

            push = await app.PushAsync("fnginx");
        }
        finally
        {
            await host.Exec("rm", "-f", "/etc/nginx/conf.d/admin-broke-this.conf");
        }

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("nginx refused the new configuration for fnginx, the previous one stays", push.Output);
        Assert.Contains("admin-broke-this.conf", push.Output);
        Assert.Contains("fnginx was not changed", push.Output);
        Assert.Equal(refs, await host.RefsAsync("fnginx"));
        Assert.Equal(before, (await host.Exec("cat", "/etc/nginx/conf.d/nap-fnginx.conf")).Stdout);
        await FaultHost.ServesAsync(url, "Hello from nap");
        await host.AssertOnlyReleaseAsync("fnginx", first, url);

        var (again, next) = await app.DeployAsync("fnginx", "second");
        Assert.Equal(url, again);
        await host.AssertOnlyReleaseAsync("fnginx", next, url);
    }

    [Fact]
    public async Task Napd_s_own_nginx_file_broken_by_hand_is_rewritten_by_the_next_deploy()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, _) = await app.DeployAsync("fnginxown");
        (await host.Exec("sh", "-c", "echo 'garbage from an editor' > /etc/nginx/conf.d/nap-fnginxown.conf")).EnsureSuccess("breaking the file");
        await FaultHost.ServesAsync(url, "Hello from nap"); // the running nginx still has the good one
        await app.ChangePageAsync("rewritten");

        var (again, next) = await app.DeployAsync("fnginxown", "rewritten");

        Assert.Equal(url, again);
        Assert.DoesNotContain("garbage", (await host.Exec("cat", "/etc/nginx/conf.d/nap-fnginxown.conf")).Stdout);
        Assert.Equal(0, (await host.Exec("nginx", "-t")).ExitCode);
        await host.AssertOnlyReleaseAsync("fnginxown", next, url);
    }

    async Task ListenAsync(string address, int port)
    {
        var perl = $"use IO::Socket::INET; my $s = IO::Socket::INET->new(LocalAddr => '{address}', LocalPort => {port}, Listen => 5, ReuseAddr => 1) or die; sleep 900";
        // A stopped release's docker-proxy lets go of its port a moment after the deploy answered: try until perl has it.
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await host.Exec("sh", "-c", $"ss -ltnpH 'sport = :{port}' | grep -q perl")).ExitCode != 0)
        {
            Assert.True(DateTime.UtcNow < until, $"perl could not listen on {port}: {await ListenerOwnerAsync(port)}");
            (await host.Exec("sh", "-c", "setsid perl -e \"$1\" >/dev/null 2>&1 < /dev/null &", "sh", perl)).EnsureSuccess("perl listener");
            await Task.Delay(1000);
        }
    }

    async Task<string> ListenerOwnerAsync(int port) =>
        (await host.Exec("sh", "-c", $"ss -ltnpH 'sport = :{port}'")).Stdout;

    [Fact]
    public async Task A_release_port_taken_by_another_process_is_skipped_and_that_process_keeps_it()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fport");
        await app.ChangePageAsync("two");
        var (_, second) = await app.DeployAsync("fport", "two");
        // The first release's port is free again, and the next release would take it first.
        var port = int.Parse((await host.Exec("sh", "-c", $"sed -n 's/^NAP_PORT=//p' /var/lib/nap/apps/fport/releases/{first}/unit.env")).Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await ListenAsync("127.0.0.1", port);
        await app.ChangePageAsync("three");

        var (again, third) = await app.DeployAsync("fport", "three");

        Assert.Equal(url, again);
        Assert.Contains("perl", await ListenerOwnerAsync(port));
        Assert.DoesNotContain($"NAP_PORT={port}\n", (await host.Exec("cat", $"/var/lib/nap/apps/fport/releases/{third}/unit.env")).Stdout);
        await host.AssertOnlyReleaseAsync("fport", third, url);
        Assert.NotEqual(second, third);
    }

    [Fact]
    public async Task An_app_port_taken_by_another_process_is_skipped_for_a_new_app()
    {
        // napd starts each app's search at a place derived from its name (PortAllocator.Start); take exactly that port.
        var hash = 17u;
        foreach (var c in "fappport")
            hash = unchecked(hash * 31 + c);
        var port = 10000 + (int)(hash % 1000u);
        await ListenAsync("0.0.0.0", port);
        using var app = await GitWorkTree.CreateAsync(host, "hello");

        var (url, release) = await app.DeployAsync("fappport");

        Assert.DoesNotContain($":{port}", url);
        Assert.Contains("perl", await ListenerOwnerAsync(port));
        await host.AssertOnlyReleaseAsync("fappport", release, url);
    }

    [Fact]
    public async Task A_container_left_behind_under_a_release_s_name_is_removed_by_its_unit_which_then_serves_again()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, release) = await app.DeployAsync("fleft");
        (await host.Exec("systemctl", "stop", $"nap-fleft@{release}.service")).EnsureSuccess("systemctl stop");
        // What a failed --rm removal leaves: a stopped container holding the name the release's docker run gives.
        (await host.Exec("docker", "create", "--name", $"nap-fleft-{release}", "local/busybox:latest")).EnsureSuccess("docker create");

        // docker run fails on the name; the unit's ExecStopPost removes the container, and Restart= starts it again.
        (await host.Exec("systemctl", "start", $"nap-fleft@{release}.service")).EnsureSuccess("systemctl start");

        await FaultHost.ServesAsync(url, "Hello from nap", TimeSpan.FromSeconds(40));
        Assert.StartsWith("nap/fleft:", (await host.Exec("docker", "inspect", "-f", "{{.Config.Image}}", $"nap-fleft-{release}")).Stdout.Trim());
        await host.AssertOnlyReleaseAsync("fleft", release, url);
    }

    [Fact]
    public async Task A_release_that_crash_loops_after_going_live_reaches_systemd_s_restart_limit_and_status_says_so()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        // Serves long enough to pass the health gate, then exits 3; systemd restarts it, and it exits again.
        // Each round takes ~8 s + RestartSec 5 s, so the 6th start falls well inside StartLimitIntervalSec (120 s).
        await app.DockerfileAsync("FROM local/busybox:latest\nCOPY www /www\nEXPOSE 8080\nCMD [\"/bin/sh\", \"-c\", \"/bin/httpd -p 8080 -h /www; sleep 8; exit 3\"]\n", "crashes");
        // "deployed" proves it passed the health gate; by the time a loaded test machine asks, it may be between restarts.
        var (_, release) = FaultHost.AddressOf(await app.PushAsync("fcrash"));

        await host.WaitForAsync($"systemctl is-failed -q nap-fcrash@{release}.service", "systemd to give up on the crash loop", TimeSpan.FromMinutes(3));

        var status = await host.Ssh("status fcrash");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("=====> fcrash: failed", status.Output);
        Assert.Contains("restart limit", status.Output);
        var json = await host.Ssh("status fcrash --json");
        Assert.Contains("\"state\":\"failed\"", json.Stdout);
    }
}
