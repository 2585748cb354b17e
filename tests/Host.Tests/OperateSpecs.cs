using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>Running apps on a real host: crashes, config, domains, status and destroy.</summary>
[Collection(NapHostCollection.Name)]
public sealed partial class OperateSpecs(NapHost host)
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    async Task<(GitWorkTree App, string Url, string Release)> PushEnvAppAsync(string name)
    {
        var app = await GitWorkTree.CreateAsync(host, "hello");
        // busybox httpd runs CGI scripts with its own environment: the page shows what the app sees.
        Directory.CreateDirectory(app.File("www/cgi-bin"));
        var script = app.File("www/cgi-bin/env");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"GREETING=$GREETING\"\n");
        (await Run.Async("chmod", ["755", script])).EnsureSuccess("chmod");
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
}
