using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CliWrap;

namespace Nap.Host.Tests;

/// <summary>The ssh verbs an operator runs on a deployed app: logs -f, units, config:unset, stop, start, status.</summary>
[Collection(NapHostCollection.Name)]
public sealed partial class AppVerbSpecs(NapHost host)
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>hello with two CGI pages: /cgi-bin/env shows GREETING, /cgi-bin/say?WORD writes WORD to the app's stderr.</summary>
    async Task<(GitWorkTree App, string Url, int Release)> PushAsync(string name)
    {
        var app = await GitWorkTree.CreateAsync(host, "hello");
        Directory.CreateDirectory(app.File("www/cgi-bin"));
        await File.WriteAllTextAsync(app.File("www/cgi-bin/env"), "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"GREETING=$GREETING\"\n");
        await File.WriteAllTextAsync(app.File("www/cgi-bin/say"), "#!/bin/sh\necho \"app says $QUERY_STRING\" >&2\necho 'Content-Type: text/plain'\necho\necho said\n");
        (await Run.Async("chmod", ["755", app.File("www/cgi-bin/env"), app.File("www/cgi-bin/say")])).EnsureSuccess("chmod");
        await app.CommitAsync("cgi pages");
        var push = await app.PushAsync(name);
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return (app, match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Asks until the answer contains <paramref name="expected"/> (bounded); the last answer otherwise.</summary>
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
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        return last;
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
        var (app, url, release) = await PushAsync("follow1");
        using var _ = app;
        var lines = new ConcurrentQueue<string>();
        using var hangUp = new CancellationTokenSource();
        var ssh = Cli.Wrap("ssh")
            .WithArguments([.. host.SshOptions(host.TestKey), $"nap@{host.Ip}", "logs follow1 -f"])
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(lines.Enqueue))
            .ExecuteAsync(CancellationToken.None, hangUp.Token);
        var following = $"--unit nap-follow1@{release}.service";

        // Connected once napd's journalctl follows the release; only then can a line be "new".
        var journalctl = await EventuallyAsync(async () => (await host.Exec("ps", "-eo", "args")).Stdout, following, TimeSpan.FromSeconds(20));
        Assert.Contains(following, journalctl);
        await Http.GetStringAsync(url + "/cgi-bin/say?sesame-follow-1");
        var seen = await EventuallyAsync(() => Task.FromResult(string.Join('\n', lines)), "app says sesame-follow-1", TimeSpan.FromSeconds(20));
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ssh);

        Assert.Contains("app says sesame-follow-1", seen);
        // The client's hang-up reaches napd: nothing keeps following the journal for it.
        Assert.DoesNotContain(following, await EventuallyAsync(async () =>
        {
            var ps = (await host.Exec("ps", "-eo", "args")).Stdout;
            return ps.Contains(following, StringComparison.Ordinal) ? ps : "gone";
        }, "gone", TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Units_shows_the_installed_units_as_systemctl_cat_does()
    {
        var (app, _, release) = await PushAsync("units1");
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
        var (app, url, release) = await PushAsync("unset1");
        using var _ = app;
        Assert.Equal(0, (await host.Ssh("config:set unset1 GREETING=hello-4712")).ExitCode);
        Assert.Contains("GREETING=hello-4712", await EventuallyAsync(() => Http.GetStringAsync(url + "/cgi-bin/env"), "GREETING=hello-4712", TimeSpan.FromSeconds(10)));

        var unset = await host.Ssh("config:unset unset1 GREETING");

        Assert.Equal(0, unset.ExitCode);
        Assert.Contains("-----> Unset GREETING", unset.Output);
        var after = Deployed().Match(unset.Output);
        Assert.True(after.Success, unset.ToString());
        Assert.True(int.Parse(after.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > release + 1, unset.ToString());
        Assert.Contains("GREETING=\n", await EventuallyAsync(() => Http.GetStringAsync(url + "/cgi-bin/env"), "GREETING=\n", TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("GREETING", (await host.Ssh("config unset1")).Stdout);
        Assert.DoesNotContain("GREETING", (await host.Exec("cat", "/var/lib/nap/apps/unset1/env")).Stdout);
    }

    [Fact]
    public async Task Stop_and_start_stop_and_start_the_app_and_status_tells_it()
    {
        var (app, url, release) = await PushAsync("onoff1");
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
}
