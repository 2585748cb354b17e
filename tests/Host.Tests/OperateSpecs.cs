using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CliWrap;

namespace Nap.Host.Tests;

/// <summary>Running apps on a real host: crashes, config, domains, status, logs, units, stop/start, resources and destroy.</summary>
[Collection(FeatureHostCollection.Name)]
public sealed partial class OperateSpecs(NapHost host)
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    async Task<(GitWorkTree App, string Url, string Release)> PushEnvAppAsync(string name)
    {
        var app = await GitWorkTree.CreateAsync(host, "hello");
        // busybox httpd runs CGI scripts with its own environment: /cgi-bin/env shows what the app sees,
        // /cgi-bin/say?WORD writes WORD to the app's stderr (its journal).
        Directory.CreateDirectory(app.File("www/cgi-bin"));
        var env = app.File("www/cgi-bin/env");
        var say = app.File("www/cgi-bin/say");
        await File.WriteAllTextAsync(env, "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"GREETING=$GREETING\"\n");
        await File.WriteAllTextAsync(say, "#!/bin/sh\necho \"app says $QUERY_STRING\" >&2\necho 'Content-Type: text/plain'\necho\necho said\n");
        (await Run.Async("chmod", ["755", env, say])).EnsureSuccess("chmod");
        await app.CommitAsync("env page");
        var push = await app.PushAsync(name);
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return (app, match.Groups[1].Value, match.Groups[2].Value);
    }

    static async Task<string> EventuallyAsync(Func<Task<string>> get, string expected, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        var last = "";
        while (DateTime.UtcNow < until)
        {
            try
            {
                last = await get();
                if (last.Contains(expected, StringComparison.Ordinal))
                    return last;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        return last;
    }

    [Fact]
    public async Task A_killed_container_is_serving_again_within_seconds()
    {
        var (app, url, release) = await PushEnvAppAsync("heal1");
        using var _ = app;

        (await host.Exec("docker", "kill", $"nap-heal1-{release}")).EnsureSuccess("docker kill");

        Assert.Contains("Hello from nap", await EventuallyAsync(() => Http.GetStringAsync(url), "Hello from nap", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Config_set_changes_what_the_app_sees_and_the_value_stays_out_of_ps_and_the_journal()
    {
        var (app, url, _) = await PushEnvAppAsync("conf1");
        using var _ = app;

        var set = await host.Ssh("config:set conf1 GREETING=sesame-4711");

        Assert.Equal(0, set.ExitCode);
        Assert.DoesNotContain("sesame-4711", set.Output);
        Assert.Contains("GREETING=sesame-4711", await EventuallyAsync(() => Http.GetStringAsync(url + "/cgi-bin/env"), "GREETING=", TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("sesame-4711", (await host.Exec("ps", "axww")).Stdout);
        Assert.DoesNotContain("sesame-4711", (await host.Exec("journalctl", "--no-pager", "-o", "cat")).Stdout);
        Assert.Equal("-rw------- root", (await host.Exec("stat", "-c", "%A %U", "/var/lib/nap/apps/conf1/env")).Stdout.Trim());
    }

    [Fact]
    public async Task A_config_change_whose_release_fails_is_undone_so_the_serving_release_survives_its_next_restart()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DockerfileAsync("FROM local/busybox:latest\nCOPY www /www\nEXPOSE 8080\n"
            + "CMD [\"/bin/sh\", \"-c\", \"test \\\"$BREAK\\\" != yes || exit 3; exec /bin/httpd -f -p 8080 -h /www\"]\n", "breaks on BREAK=yes");
        var push = await app.PushAsync("cfgfail1");
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        var (url, release) = (match.Groups[1].Value, match.Groups[2].Value);

        var set = await host.Ssh("config:set cfgfail1 BREAK=yes");

        Assert.True(set.ExitCode != 0, set.ToString());
        Assert.Contains("cfgfail1: config left as it was", set.Stderr);
        Assert.DoesNotContain("BREAK", (await host.Ssh("config cfgfail1")).Stdout);
        // The serving release's next start reads the env file again: it must not find BREAK=yes there.
        (await host.Exec("docker", "kill", $"nap-cfgfail1-{release}")).EnsureSuccess("docker kill");
        Assert.Contains("Hello from nap", await EventuallyAsync(() => Http.GetStringAsync(url), "Hello from nap", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_domain_routes_through_nginx_on_port_80_by_Host_header()
    {
        var (app, _, _) = await PushEnvAppAsync("dom1");
        using var _ = app;

        var add = await host.Ssh("domains:add dom1 dom1.example.test");

        Assert.Equal(0, add.ExitCode);
        // nginx reloads asynchronously: its old workers answer for a moment.
        Assert.Contains("Hello from nap", await EventuallyAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host.Ip}/");
            request.Headers.Host = "dom1.example.test";
            using var response = await Http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }, "Hello from nap", TimeSpan.FromSeconds(10)));
        Assert.NotEqual(0, (await host.Ssh("domains:add dom1 'bad domain; include x'")).ExitCode);
    }

    [Fact]
    public async Task Status_reports_the_running_release_as_json()
    {
        var (app, url, release) = await PushEnvAppAsync("stat1");
        using var _ = app;

        var status = await host.Ssh("status stat1 --json");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("\"state\":\"active\"", status.Stdout);
        Assert.Contains($"\"release\":{release}", status.Stdout);
        Assert.Contains($"\"url\":\"{url}\"", status.Stdout);
    }

    [Fact]
    public async Task Destroy_removes_units_nginx_entry_images_and_repository()
    {
        var (app, url, release) = await PushEnvAppAsync("gone1");
        using var _ = app;

        var destroy = await host.Ssh("destroy gone1 --force");

        Assert.Equal(0, destroy.ExitCode);
        Assert.NotEqual(0, (await host.Exec("test", "-e", "/etc/systemd/system/nap-gone1@.service")).ExitCode);
        Assert.NotEqual(0, (await host.Exec("test", "-e", "/etc/nginx/conf.d/nap-gone1.conf")).ExitCode);
        Assert.NotEqual(0, (await host.Exec("test", "-e", "/var/lib/nap/repos/gone1.git")).ExitCode);
        Assert.Equal("", (await host.Exec("docker", "images", "-q", "nap/gone1")).Stdout.Trim());
        Assert.NotEqual("active", (await host.Exec("systemctl", "is-active", $"nap-gone1@{release}.service")).Stdout.Trim());
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetStringAsync(url));
    }

    async Task<string> CodeAsync(string url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    [Fact]
    public async Task Logs_follow_streams_a_line_the_app_writes_while_connected_and_ends_with_the_client()
    {
        var (app, url, release) = await PushEnvAppAsync("follow1");
        using var _ = app;
        var lines = new ConcurrentQueue<string>();
        // The hang-up kills ssh: an interrupt (CliWrap's graceful cancellation) is lost on a suite started in the
        // background by a shell without job control, which leaves SIGINT ignored in every child (POSIX).
        using var hangUp = new CancellationTokenSource();
        var ssh = Cli.Wrap("ssh")
            .WithArguments([.. host.SshOptions(host.TestKey), $"nap@{host.Ip}", "logs follow1 -f"])
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(lines.Enqueue))
            .ExecuteAsync(hangUp.Token);
        var following = $"--unit nap-follow1@{release}.service";

        // Connected once napd's journalctl follows the release; only then can a line be "new".
        var journalctl = await EventuallyAsync(async () => (await host.Exec("ps", "-eo", "args")).Stdout, following, TimeSpan.FromSeconds(20));
        Assert.Contains(following, journalctl);
        await Http.GetStringAsync(url + "/cgi-bin/say?sesame-follow-1");
        var seen = await EventuallyAsync(() => Task.FromResult(string.Join('\n', lines)), "app says sesame-follow-1", TimeSpan.FromSeconds(20));
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ssh);

        Assert.Contains("app says sesame-follow-1", seen);
        // The client's hang-up reaches napd: nothing keeps following the journal for it. The wait's word is new to this
        // run: this host also runs the apps gone1 and hook-gone, and a CI run's wait for the word "gone" ended at once,
        // the follower still listed (any process whose arguments name one of them says it).
        var gone = $"no follower {Guid.NewGuid():N}";
        Assert.DoesNotContain(following, await EventuallyAsync(async () =>
        {
            var ps = (await host.Exec("ps", "-eo", "args")).Stdout;
            return ps.Contains(following, StringComparison.Ordinal) ? ps : gone;
        }, gone, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Units_shows_the_installed_units_as_systemctl_cat_does()
    {
        var (app, _, release) = await PushEnvAppAsync("units1");
        using var _ = app;

        var units = await host.Ssh("units units1");

        Assert.Equal(0, units.ExitCode);
        foreach (var unit in new[] { "nap-units1-build.service", $"nap-units1@{release}.service" })
        {
            var cat = await host.Exec("systemctl", "cat", "--no-pager", unit);
            Assert.Equal(0, cat.ExitCode);
            Assert.Contains(cat.Stdout.TrimEnd('\n'), units.Stdout);
        }
        Assert.Contains("# /etc/systemd/system/nap-units1@.service", units.Stdout);
        Assert.Contains("ExecStart=/usr/bin/docker run --rm --name nap-units1-%i", units.Stdout);
    }

    [Fact]
    public async Task Config_unset_removes_a_value_and_the_app_restarts_without_it()
    {
        var (app, url, release) = await PushEnvAppAsync("unset1");
        using var _ = app;
        Assert.Equal(0, (await host.Ssh("config:set unset1 GREETING=hello-4712")).ExitCode);
        Assert.Contains("GREETING=hello-4712", await EventuallyAsync(() => Http.GetStringAsync(url + "/cgi-bin/env"), "GREETING=hello-4712", TimeSpan.FromSeconds(10)));

        var unset = await host.Ssh("config:unset unset1 GREETING");

        Assert.Equal(0, unset.ExitCode);
        Assert.Contains("-----> Unset GREETING", unset.Output);
        var after = Deployed().Match(unset.Output);
        Assert.True(after.Success, unset.ToString());
        Assert.True(int.Parse(after.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(release, System.Globalization.CultureInfo.InvariantCulture) + 1, unset.ToString());
        Assert.Contains("GREETING=\n", await EventuallyAsync(() => Http.GetStringAsync(url + "/cgi-bin/env"), "GREETING=\n", TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("GREETING", (await host.Ssh("config unset1")).Stdout);
        Assert.DoesNotContain("GREETING", (await host.Exec("cat", "/var/lib/nap/apps/unset1/env")).Stdout);
    }

    [Fact]
    public async Task Stop_and_start_stop_and_start_the_app_and_status_tells_it()
    {
        var (app, url, release) = await PushEnvAppAsync("onoff1");
        using var _ = app;

        var stop = await host.Ssh("stop onoff1");

        Assert.Equal(0, stop.ExitCode);
        Assert.Contains("=====> onoff1 stopped", stop.Output);
        Assert.NotEqual("active", (await host.Exec("systemctl", "is-active", $"nap-onoff1@{release}.service")).Stdout.Trim());
        Assert.NotEqual("enabled", (await host.Exec("systemctl", "is-enabled", $"nap-onoff1@{release}.service")).Stdout.Trim());
        Assert.Contains("\"state\":\"stopped\"", (await host.Ssh("status onoff1 --json")).Stdout);
        Assert.Contains("=====> onoff1: stopped", (await host.Ssh("status onoff1")).Stdout);
        Assert.NotEqual("200", await CodeAsync(url));

        var start = await host.Ssh("start onoff1");

        Assert.Equal(0, start.ExitCode);
        var started = Deployed().Match(start.Output);
        Assert.True(started.Success, start.ToString());
        Assert.Equal(url, started.Groups[1].Value);
        Assert.Contains("Hello from nap", await EventuallyAsync(() => Http.GetStringAsync(url), "Hello from nap", TimeSpan.FromSeconds(10)));
        var status = await host.Ssh("status onoff1 --json");
        Assert.Contains("\"state\":\"active\"", status.Stdout);
        Assert.Contains($"\"release\":{started.Groups[2].Value}", status.Stdout);
        Assert.Equal("active", (await host.Exec("systemctl", "is-active", $"nap-onoff1@{started.Groups[2].Value}.service")).Stdout.Trim());
    }

    [Fact]
    public async Task Resources_set_runs_a_release_with_the_limits_and_systemd_has_its_unit_as_written()
    {
        var (app, url, _) = await PushEnvAppAsync("limits1");
        using var _ = app;

        var set = await host.Ssh("resources:set limits1 memory=64M");

        Assert.Equal(0, set.ExitCode);
        var release = Deployed().Match(set.Output);
        Assert.True(release.Success, set.ToString());
        var instance = $"nap-limits1@{release.Groups[2].Value}.service";
        Assert.Equal("67108864", (await host.Exec("docker", "inspect", "-f", "{{.HostConfig.Memory}}", $"nap-limits1-{release.Groups[2].Value}")).Stdout.Trim());
        Assert.Equal("NeedDaemonReload=no", (await host.Exec("systemctl", "show", "-p", "NeedDaemonReload", instance)).Stdout.Trim());
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }
}
