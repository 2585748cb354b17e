using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// A retiring release gets the Dockerfile's stop signal and ends on it: docker-init (tini) is PID 1
/// and forwards it, where an app that is PID 1 itself without a handler would sit out
/// `docker stop -t 10` and die of the SIGKILL.
/// </summary>
[Collection(FeatureHostCollection.Name)]
public sealed partial class StopSpecs(NapHost host)
{
    [GeneratedRegex(@"deployed: http://\S+ \(release (\d+)")]
    private static partial Regex Deployed();

    static string ReleaseOf(ExecResult push)
    {
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return match.Groups[1].Value;
    }

    /// <summary>With nanoseconds: `docker events --until` a whole second would miss the events of the current one.</summary>
    async Task<string> NowAsync() => (await host.Exec("date", "+%s.%N")).EnsureSuccess("date").Stdout.Trim();

    /// <summary>napd stops the old release after the drain, once the push has answered: wait for that, however long.</summary>
    async Task WaitUntilStoppedAsync(string unit)
    {
        for (var i = 0; i < 600; i++)
        {
            var state = (await host.Exec("systemctl", "is-active", unit)).Stdout.Trim();
            if (state is not ("active" or "activating" or "deactivating"))
                return;
            await Task.Delay(250);
        }
        Assert.Fail($"{unit} still runs a minute and a half after the push answered");
    }

    /// <summary>What dockerd recorded for the container since the push: "kill 15", "die 143", ...</summary>
    async Task<string[]> EventsAsync(string container, string since) =>
        (await host.Exec("docker", "events", "--since", since, "--until", await NowAsync(), "--filter", $"container={container}",
            "--filter", "event=kill", "--filter", "event=die",
            "--format", "{{if eq .Action \"kill\"}}kill {{.Actor.Attributes.signal}}{{else}}die {{.Actor.Attributes.exitCode}}{{end}}"))
        .EnsureSuccess("docker events").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    async Task<(string Old, string New, string Since)> ReplaceAsync(GitWorkTree app, string name)
    {
        var old = ReleaseOf((await app.PushAsync(name)).EnsureSuccess("first push"));
        await File.AppendAllTextAsync(app.File("www/index.html"), "<p>second</p>\n");
        await app.CommitAsync("second");
        var since = await NowAsync();
        var replacement = ReleaseOf((await app.PushAsync(name)).EnsureSuccess("second push"));
        await WaitUntilStoppedAsync($"nap-{name}@{old}.service");
        return (old, replacement, since);
    }

    [Fact]
    public async Task A_replaced_release_of_hello_ends_on_sigterm_not_on_the_sigkill_after_the_timeout()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");

        var (old, _, since) = await ReplaceAsync(app, "stop1");

        var events = await EventsAsync($"nap-stop1-{old}", since);
        // dockerd's own record: systemd forgets an inactive, disabled unit's ExecMainStatus once it unloads it.
        Assert.Equal(["kill 15", "die 143"], events);
    }

    [Fact]
    public async Task The_running_release_has_docker_init_as_pid_1_and_the_app_as_its_child()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var release = ReleaseOf((await app.PushAsync("stop2")).EnsureSuccess("push"));
        var container = $"nap-stop2-{release}";

        var init = await host.Exec("docker", "inspect", "--format", "{{.HostConfig.Init}}", container);
        var top = await host.Exec("docker", "top", container, "-o", "pid,ppid,args");

        Assert.Equal("true", init.Stdout.Trim());
        var processes = top.EnsureSuccess("docker top").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var pid1 = Assert.Single(processes, p => p[2].Contains("docker-init"));
        var httpd = Assert.Single(processes, p => p[2].StartsWith("/bin/httpd"));
        Assert.Equal(pid1[0], httpd[1]);
    }

    [Fact]
    public async Task An_app_that_traps_sigterm_gets_it_and_says_so_in_the_journal()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(app.File("Dockerfile"), """
            FROM local/busybox:latest
            COPY www /www
            EXPOSE 8080
            CMD trap 'echo got TERM; exit 0' TERM; /bin/httpd -f -p 8080 -h /www & wait
            """);
        await app.CommitAsync("an app that traps TERM");

        var (old, _, since) = await ReplaceAsync(app, "stop3");

        Assert.Equal(["kill 15", "die 0"], await EventsAsync($"nap-stop3-{old}", since));
        var journal = "";
        for (var i = 0; i < 40 && !journal.Contains("got TERM"); i++, await Task.Delay(250))
            journal = (await host.Exec("journalctl", "-u", $"nap-stop3@{old}.service", "-o", "cat", "--no-pager")).Stdout;
        Assert.Contains("got TERM", journal);
    }
}
