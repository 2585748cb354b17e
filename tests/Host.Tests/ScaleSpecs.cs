using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>ps:scale: N instances of the current release behind the app's nginx upstream, rolled on every release.</summary>
[Collection(FeatureHostCollection.Name)]
public sealed partial class ScaleSpecs(NapHost host)
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    async Task<(GitWorkTree App, string Url)> PushHelloAsync(string name)
    {
        var app = await GitWorkTree.CreateAsync(host, "hello");
        var push = await app.PushAsync(name);
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return (app, match.Groups[1].Value);
    }

    /// <summary>hello pushed and scaled to <paramref name="instances"/>, with a second revision committed and not pushed yet.</summary>
    async Task<(GitWorkTree App, string Url)> ScaledWithRevisionTwoAsync(string name, int instances)
    {
        var (app, url) = await PushHelloAsync(name);
        Assert.Equal(0, (await host.Ssh($"ps:scale {name} {instances}")).ExitCode);
        await File.WriteAllTextAsync(app.File("www/index.html"), "<h1>Hello from revision two</h1>\n");
        await app.CommitAsync("revision two");
        return (app, url);
    }

    Task<string[]> ActiveUnitsAsync(string app) => ActiveUnitsAsync(host, app);

    static async Task<string[]> ActiveUnitsAsync(NapHost host, string app) =>
        [.. (await host.Exec("systemctl", "list-units", "--state=active", "--plain", "--no-legend", $"nap-{app}@*.service")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal)];

    async Task<string[]> UpstreamServersAsync(string app) =>
        [.. (await host.Exec("cat", $"/etc/nginx/conf.d/nap-{app}.conf")).Stdout
            .Split('\n').Where(l => l.TrimStart().StartsWith("server 127.0.0.1:", StringComparison.Ordinal)).Select(l => l.Trim())];

    /// <summary>The instances as `ps --json` reports them: unit, port, state.</summary>
    async Task<(string Unit, int Port, string State)[]> PsAsync(string app)
    {
        var ps = await host.Ssh($"ps {app} --json");
        Assert.True(ps.ExitCode == 0, ps.ToString());
        using var json = JsonDocument.Parse(ps.Stdout);
        return [.. json.RootElement.GetProperty("instances").EnumerateArray()
            .Select(i => (i.GetProperty("unit").GetString()!, i.GetProperty("port").GetInt32(), i.GetProperty("state").GetString()!))];
    }

    /// <summary>What an instance answers on its own port, from inside the host (it listens on 127.0.0.1 only).</summary>
    async Task<string> PageOfAsync(int port) => (await host.Exec("curl", "-fsS", $"http://127.0.0.1:{port}/")).Stdout;

    /// <summary>nginx's upstream is exactly the instances `ps` reports, and each of them answers <paramref name="page"/>.</summary>
    async Task<(string Unit, int Port, string State)[]> AssertServedAsync(string app, string page)
    {
        var ps = await PsAsync(app);
        Assert.Equal(ps.Select(i => $"server 127.0.0.1:{i.Port} max_fails=0;"), await UpstreamServersAsync(app));
        foreach (var instance in ps)
            Assert.Contains(page, await PageOfAsync(instance.Port));
        return ps;
    }

    /// <summary>The last old instance drains in the background after the push answers: wait (bounded) until systemd has stopped it.</summary>
    async Task<string[]> ActiveUnitsOnceSettledAsync(string app, int expected)
    {
        var units = await ActiveUnitsAsync(app);
        for (var until = DateTime.UtcNow.AddSeconds(30); units.Length != expected && DateTime.UtcNow < until; units = await ActiveUnitsAsync(app))
            await Task.Delay(250);
        return units;
    }

    [Fact]
    public async Task I_can_scale_an_app_to_three_instances_behind_its_nginx_upstream()
    {
        var (app, url) = await PushHelloAsync("scale1");
        using var _ = app;

        var scale = await host.Ssh("ps:scale scale1 3");

        Assert.True(scale.ExitCode == 0, scale.ToString());
        Assert.Equal(["nap-scale1@1.2.service", "nap-scale1@1.3.service", "nap-scale1@1.service"], await ActiveUnitsAsync("scale1"));
        var ps = await AssertServedAsync("scale1", "Hello from nap");
        Assert.Equal(["nap-scale1@1.service", "nap-scale1@1.2.service", "nap-scale1@1.3.service"], ps.Select(i => i.Unit));
        Assert.All(ps, i => Assert.Equal("active", i.State));
        Assert.Equal(3, ps.Select(i => i.Port).Distinct().Count());
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        Assert.Contains("\"scale\": 3", (await host.Exec("cat", "/var/lib/nap/apps/scale1/app.json")).Stdout);
    }

    [Fact]
    public async Task A_push_to_an_app_with_three_instances_replaces_all_three_with_the_new_revision()
    {
        var (app, url) = await ScaledWithRevisionTwoAsync("scale2", 3);
        using var _ = app;

        var push = await app.PushAsync("scale2");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("(release 2, ", push.Output);
        Assert.Contains("3 instances)", push.Output);
        Assert.Contains("instance 3 of 3", push.Output);
        Assert.Equal(["nap-scale2@2.2.service", "nap-scale2@2.3.service", "nap-scale2@2.service"], await ActiveUnitsOnceSettledAsync("scale2", 3));
        Assert.Equal(3, (await AssertServedAsync("scale2", "revision two")).Length);
        Assert.Contains("revision two", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_bad_number_of_instances_is_refused_in_one_line_and_changes_nothing()
    {
        var (app, url) = await PushHelloAsync("scale3");
        using var _ = app;
        var before = await host.Exec("cat", "/var/lib/nap/apps/scale3/app.json", "/etc/nginx/conf.d/nap-scale3.conf");
        const string usage = "use ps:scale APP N with N from 0 to 10";

        foreach (var (count, message) in new[]
        {
            ("11", $"11 instances is more than an app may run (at most 10): {usage}"),
            ("three", $"'three' is not a number of instances: {usage}"),
            ("-1", $"'-1' is not a number of instances: {usage}"),
            ("web=", $"'web=' is not a number of instances: {usage}"),
        })
        {
            var scale = await host.Ssh($"ps:scale scale3 {count}");

            Assert.True(scale.ExitCode == 1, scale.ToString());
            Assert.Equal(message, scale.Stderr.Trim());
            Assert.Equal("", scale.Stdout);
        }
        Assert.Equal(before.Stdout, (await host.Exec("cat", "/var/lib/nap/apps/scale3/app.json", "/etc/nginx/conf.d/nap-scale3.conf")).Stdout);
        Assert.Equal(["nap-scale3@1.service"], await ActiveUnitsAsync("scale3"));
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_rollback_of_an_app_with_two_instances_rolls_both_back_to_the_old_image()
    {
        var (app, url) = await ScaledWithRevisionTwoAsync("scale9", 2);
        using var _ = app;
        Assert.Equal(0, (await app.PushAsync("scale9")).ExitCode);

        // Rollback, config:set, restart and resources:set all make a release of a kept image this way.
        var rollback = await host.Ssh("rollback scale9 1");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("(release 3, ", rollback.Output);
        Assert.Contains("2 instances)", rollback.Output);
        Assert.Equal(["nap-scale9@3.2.service", "nap-scale9@3.service"], await ActiveUnitsOnceSettledAsync("scale9", 2));
        Assert.Equal(2, (await AssertServedAsync("scale9", "Hello from nap")).Length);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task Scaling_down_to_one_takes_the_extra_instances_out_of_nginx_and_stops_them()
    {
        var (app, url) = await PushHelloAsync("scale4");
        using var _ = app;
        Assert.Equal(0, (await host.Ssh("ps:scale scale4 3")).ExitCode);

        var scale = await host.Ssh("ps:scale scale4 1");

        Assert.True(scale.ExitCode == 0, scale.ToString());
        Assert.Equal(["nap-scale4@1.service"], await ActiveUnitsAsync("scale4"));
        var ps = await PsAsync("scale4");
        Assert.Equal([$"server 127.0.0.1:{ps.Single().Port} max_fails=0;"], await UpstreamServersAsync("scale4"));
        Assert.Equal("disabled", (await host.Exec("systemctl", "is-enabled", "nap-scale4@1.2.service")).Stdout.Trim());
        Assert.False((await host.Exec("test", "-e", "/var/lib/nap/apps/scale4/releases/1.2")).ExitCode == 0);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task Scaling_to_zero_stops_the_app_and_start_brings_back_all_its_instances()
    {
        var (app, url) = await PushHelloAsync("scale5");
        using var _ = app;
        Assert.Equal(0, (await host.Ssh("ps:scale scale5 2")).ExitCode);

        var zero = await host.Ssh("ps:scale scale5 0");

        Assert.True(zero.ExitCode == 0, zero.ToString());
        Assert.Contains("scale5 stopped", zero.Stdout);
        Assert.Empty(await ActiveUnitsAsync("scale5"));
        var start = await host.Ssh("start scale5");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal(["nap-scale5@2.2.service", "nap-scale5@2.service"], await ActiveUnitsAsync("scale5"));
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_release_whose_second_instance_fails_puts_the_replaced_old_instance_back_and_is_rejected()
    {
        var (app, url) = await PushHelloAsync("scale6");
        using var _ = app;
        Assert.Equal(0, (await host.Ssh("ps:scale scale6 3")).ExitCode);
        // Only the instance that takes the lock on the shared volume is healthy: instance 1 passes, instance 2 fails.
        await File.WriteAllTextAsync(app.File("Dockerfile"), """
            FROM local/busybox:latest
            COPY www /www
            VOLUME /data
            EXPOSE 8080
            HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD ["/bin/sh", "-c", "test -e /tmp/ok"]
            CMD ["/bin/sh", "-c", "mkdir /data/lock && echo ok > /tmp/ok; exec /bin/httpd -f -p 8080 -h /www"]
            """);
        await app.CommitAsync("only one instance can be healthy");

        var push = await app.PushAsync("scale6");

        Assert.NotEqual(0, push.ExitCode);
        Assert.True(push.Output.Contains("instance 2 of release 2 is not healthy", StringComparison.Ordinal), push.ToString());
        Assert.Contains("starting nap-scale6@1.service", push.Output);
        Assert.Equal(["nap-scale6@1.2.service", "nap-scale6@1.3.service", "nap-scale6@1.service"], await ActiveUnitsAsync("scale6"));
        var ps = await AssertServedAsync("scale6", "Hello from nap");
        Assert.Equal(["nap-scale6@1.service", "nap-scale6@1.2.service", "nap-scale6@1.3.service"], ps.Select(i => i.Unit));
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task Every_instance_comes_back_after_a_restart_of_the_whole_host()
    {
        await using var own = await NapHost.BootAsync();
        using var app = await GitWorkTree.CreateAsync(own, "hello");
        var push = await app.PushAsync("scale7");
        var port = Deployed().Match(push.Output) is { Success: true } m ? new Uri(m.Groups[1].Value).Port : throw new InvalidOperationException(push.ToString());
        Assert.Equal(0, (await own.Ssh("ps:scale scale7 3")).ExitCode);

        (await Run.Async("docker", ["restart", "-t", "5", own.ContainerId])).EnsureSuccess("docker restart");
        await own.Exec("systemctl", "is-system-running", "--wait");

        var units = Array.Empty<string>();
        for (var until = DateTime.UtcNow.AddSeconds(60); units.Length < 3 && DateTime.UtcNow < until; await Task.Delay(500))
            units = await ActiveUnitsAsync(own, "scale7");
        Assert.Equal(["nap-scale7@1.2.service", "nap-scale7@1.3.service", "nap-scale7@1.service"], units);
        Assert.Equal(3, (await own.Exec("cat", "/etc/nginx/conf.d/nap-scale7.conf")).Stdout.Split("server 127.0.0.1:").Length - 1);
        var page = "";
        for (var until = DateTime.UtcNow.AddSeconds(30); !page.Contains("Hello from nap", StringComparison.Ordinal) && DateTime.UtcNow < until; await Task.Delay(500))
            page = (await own.Exec("curl", "-sS", $"http://127.0.0.1:{port}/")).Stdout;
        Assert.Contains("Hello from nap", page);
    }

    [Fact]
    public async Task An_instance_that_napd_never_recorded_is_stopped_when_napd_starts_and_nginx_keeps_the_recorded_ones()
    {
        var (app, url) = await PushHelloAsync("scale8");
        using var _ = app;
        // What a napd killed mid-scale leaves: instance 2 of the current release runs, unrecorded in app.json.
        const string Leftover = "nap-scale8@1.2.service";
        (await host.Exec("sh", "-c", """
            d=/var/lib/nap/apps/scale8/releases
            mkdir -p $d/1.2 && sed 's/^NAP_PORT=.*/NAP_PORT=18088/' $d/1/unit.env > $d/1.2/unit.env
            systemctl start nap-scale8@1.2.service
            """)).EnsureSuccess("start an unrecorded instance by hand");
        Assert.Contains(Leftover, await ActiveUnitsAsync("scale8"));

        await host.RestartNapdAsync();

        // napd puts things right in the background after its start: stop, disable, then the directory goes.
        await host.WaitForAsync("! test -e /var/lib/nap/apps/scale8/releases/1.2", "napd to forget the unrecorded instance", fail: false);
        Assert.Equal(["nap-scale8@1.service"], await ActiveUnitsAsync("scale8"));
        Assert.Equal("", (await host.Exec("sh", "-c", "ls -d /var/lib/nap/apps/scale8/releases/1.2 2>/dev/null || true")).Stdout.Trim());
        var ps = await AssertServedAsync("scale8", "Hello from nap");
        Assert.Single(ps);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }
}
