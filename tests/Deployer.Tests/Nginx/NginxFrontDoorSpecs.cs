using Nap.Deployer.Nginx;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Nginx;

public sealed class NginxFrontDoorSpecs : IAsyncLifetime
{
    readonly NginxFixture nginx = new();

    [Fact]
    public async Task An_app_gets_one_file_that_nginx_accepts_with_its_port_domains_and_upstream()
    {
        var door = new NginxFrontDoor(nginx.Options);

        await door.ApplyAsync(new NginxSite("web", 10001, [20005]).WithDomains(["web.example.com", "www.example.org"]), default);

        var text = await File.ReadAllTextAsync(Path.Combine(nginx.ConfDir, "nap-web.conf"));
        Assert.Contains("listen 10001;", text);
        Assert.Contains("server 127.0.0.1:20005", text);
        Assert.Contains("server_name web.example.com www.example.org;", text);
        Assert.Contains("listen 80;", text);
        Assert.Equal(["nap-web.conf"], Directory.GetFiles(nginx.ConfDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_app_with_three_instances_gets_one_upstream_with_three_servers_that_nginx_accepts()
    {
        var door = new NginxFrontDoor(nginx.Options);

        await door.ApplyAsync(new NginxSite("web", 10001, [20005, 20006, 20007]), default);

        var text = await File.ReadAllTextAsync(door.PathOf("web"));
        Assert.Single(text.Split('\n'), l => l.StartsWith("upstream ", StringComparison.Ordinal));
        Assert.Equal(["20005", "20006", "20007"],
            text.Split('\n').Where(l => l.Contains("server 127.0.0.1:", StringComparison.Ordinal)).Select(l => l.Split(':')[1].Split(' ')[0]));
    }

    [Fact]
    public async Task A_configuration_nginx_refuses_puts_the_previous_file_back_and_fails_with_nginx_s_message()
    {
        var door = new NginxFrontDoor(nginx.Options);
        await door.ApplyAsync(new NginxSite("web", 10001, [20005]), default);
        var before = await File.ReadAllTextAsync(door.PathOf("web"));
        // Someone else's file that clashes with the next version of ours.
        await File.WriteAllTextAsync(Path.Combine(nginx.ConfDir, "other.conf"), "upstream nap-web { server 127.0.0.1:1; }\n");

        var error = await Assert.ThrowsAsync<NginxException>(() => door.ApplyAsync(new NginxSite("web", 10001, [20006]), default));

        Assert.Contains("duplicate upstream", error.Message);
        Assert.Equal(before, await File.ReadAllTextAsync(door.PathOf("web")));
    }

    [Fact]
    public async Task A_refused_first_file_is_removed_again()
    {
        var door = new NginxFrontDoor(nginx.Options);
        await File.WriteAllTextAsync(Path.Combine(nginx.ConfDir, "other.conf"), "upstream nap-web { server 127.0.0.1:1; }\n");

        await Assert.ThrowsAsync<NginxException>(() => door.ApplyAsync(new NginxSite("web", 10001, [20006]), default));

        Assert.False(File.Exists(door.PathOf("web")));
    }

    [Theory]
    [InlineData("evil.com; include /etc/shadow")]
    [InlineData("a b.com")]
    [InlineData("-x.com")]
    [InlineData("localhost")]
    public void A_domain_that_is_not_a_host_name_never_reaches_a_file(string domain)
    {
        Assert.Throws<ArgumentException>(() => NginxConf.Render(new NginxSite("web", 10001, [20005]).WithDomains([domain])));
    }

    [Fact]
    public async Task Removing_an_app_deletes_its_file_and_is_fine_when_there_is_none()
    {
        var door = new NginxFrontDoor(nginx.Options);
        await door.ApplyAsync(new NginxSite("web", 10001, [20005]), default);

        await door.RemoveAsync("web", default);
        await door.RemoveAsync("web", default);

        Assert.False(File.Exists(door.PathOf("web")));
    }

    [Fact]
    public async Task A_running_nginx_sends_the_app_port_and_each_domain_to_the_current_release()
    {
        using var webOld = new LocalHttpServer(200, "web release 1");
        using var webNew = new LocalHttpServer(200, "web release 2");
        using var api = new LocalHttpServer(200, "api");
        var ports = FreePorts.Take(3);
        var (webPort, apiPort, domainPort) = (ports[0], ports[1], ports[2]);
        var before = new NginxFrontDoor(nginx.Options);
        await before.ApplyAsync(new NginxSite("web", webPort, [webOld.Port]).WithDomains(["web.example.com"]).WithDomainPort(domainPort), default);
        await before.ApplyAsync(new NginxSite("api", apiPort, [api.Port]).WithDomains(["api.example.com"]).WithDomainPort(domainPort), default);
        await nginx.StartAsync();
        var door = new NginxFrontDoor(nginx.Running);
        using var http = new HttpClient();

        Assert.Equal("web release 1", await GetAsync(http, webPort, null, "web release 1"));
        Assert.Equal("api", await GetAsync(http, domainPort, "api.example.com", "api"));
        Assert.Equal("web release 1", await GetAsync(http, domainPort, "web.example.com", "web release 1"));

        await door.ApplyAsync(new NginxSite("web", webPort, [webNew.Port]).WithDomains(["web.example.com"]).WithDomainPort(domainPort), default);

        Assert.Equal("web release 2", await GetAsync(http, webPort, null, "web release 2"));
        Assert.Equal("web release 2", await GetAsync(http, domainPort, "web.example.com", "web release 2"));
    }

    [Fact]
    public async Task Once_a_switch_returns_even_a_kept_alive_connection_reaches_the_new_release()
    {
        using var oldRelease = new LocalHttpServer(200, "release 1");
        using var newRelease = new LocalHttpServer(200, "release 2");
        var port = FreePorts.One();
        await new NginxFrontDoor(nginx.Options).ApplyAsync(new NginxSite("web", port, [oldRelease.Port]), default);
        await nginx.StartAsync();
        var door = new NginxFrontDoor(nginx.Running);
        using var http = new HttpClient();
        Assert.Equal("release 1", await GetAsync(http, port, null, "release 1"));

        await door.ApplyAsync(new NginxSite("web", port, [newRelease.Port]), default);

        // No retry: the old worker that held this client's connection is gone, so is its old upstream.
        Assert.Equal("release 2", await http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task A_switch_returns_while_an_old_worker_still_finishes_a_long_request_and_new_requests_reach_the_new_release()
    {
        // The old release answers its one request late: on its own after 10 s, or when the spec is done with it.
        var answer = new TaskCompletionSource();
        using var oldRelease = new LocalHttpServer(async context =>
        {
            await Task.WhenAny(answer.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            await context.Response.OutputStream.WriteAsync("release 1, late"u8.ToArray());
        });
        using var newRelease = new LocalHttpServer(200, "release 2");
        var port = FreePorts.One();
        await new NginxFrontDoor(nginx.Options).ApplyAsync(new NginxSite("web", port, [oldRelease.Port]), default);
        await nginx.StartAsync();
        // A drain limit past the late answer: a switch that waited for the old worker to exit would return after it.
        var door = new NginxFrontDoor(nginx.Running with { WorkerDrainLimit = TimeSpan.FromSeconds(60) });
        using var slow = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var longRequest = slow.GetStringAsync($"http://127.0.0.1:{port}/");
        for (var i = 0; i < 100 && oldRelease.Requests == 0; i++)
            await Task.Delay(50);
        Assert.Equal(1, oldRelease.Requests);

        await door.ApplyAsync(new NginxSite("web", port, [newRelease.Port]), default);

        Assert.False(longRequest.IsCompleted, "the switch waited for the old release's long request to end");
        using var http = new HttpClient();
        // No retry: the old worker took its last connection before the switch returned.
        Assert.Equal("release 2", await http.GetStringAsync($"http://127.0.0.1:{port}/"));
        // The old release must keep running for that request: its stop waits for this (InstanceRunner.DrainAsync).
        Assert.False(door.OldWorkersGone.IsCompleted, "the old workers were reported gone while one still proxied a request");
        answer.SetResult();
        Assert.Equal("release 1, late", await longRequest);
        await door.OldWorkersGone;
    }

    [Fact]
    public async Task A_domain_the_hosts_own_nginx_site_serves_is_refused_when_claimed_and_the_file_put_back()
    {
        var door = new NginxFrontDoor(nginx.Options);
        await door.ApplyAsync(new NginxSite("web", 10001, [20005]).WithDomains(["web.example.com"]), default);
        var before = await File.ReadAllTextAsync(door.PathOf("web"));
        // The host's own site, in a file nginx loads after nap's (sites-enabled comes after conf.d).
        await File.WriteAllTextAsync(Path.Combine(nginx.ConfDir, "zz-host-site.conf"), "server { listen 80; server_name intranet.example.com; }\n");
        var claimed = new NginxSite("web", 10001, [20005]).WithDomains(["web.example.com", "intranet.example.com"]);

        var error = await Assert.ThrowsAsync<NginxException>(() => door.ApplyAsync(claimed, default, ["intranet.example.com"]));

        Assert.Equal("intranet.example.com is already served by another nginx site on this host (nginx -t: conflicting server name): remove it there first or choose another domain", error.Message);
        Assert.Equal(before, await File.ReadAllTextAsync(door.PathOf("web")));
    }

    [Fact]
    public async Task A_domain_the_app_already_has_keeps_its_deploys_going_when_the_host_serves_it_too_but_a_first_file_claims_all()
    {
        var door = new NginxFrontDoor(nginx.Options);
        await File.WriteAllTextAsync(Path.Combine(nginx.ConfDir, "zz-host-site.conf"), "server { listen 80; server_name shared.example.com; }\n");
        var site = new NginxSite("web", 10001, [20005]).WithDomains(["shared.example.com"]);

        await Assert.ThrowsAsync<NginxException>(() => door.ApplyAsync(site, default));
        Assert.False(File.Exists(door.PathOf("web")));

        // State from before the check: the app's file already names it, so a new release's switch goes through.
        await File.WriteAllTextAsync(door.PathOf("web"), NginxConf.Render(site));
        await door.ApplyAsync(site.WithUpstreams(20006), default);

        Assert.Contains("127.0.0.1:20006", await File.ReadAllTextAsync(door.PathOf("web")));
    }

    [Fact]
    public async Task A_request_body_over_the_sites_limit_gets_413_and_one_under_it_reaches_the_app()
    {
        using var release = new LocalHttpServer(200, "took it");
        var port = FreePorts.One();
        // Bodies below nginx's 16k buffer: the fixture's nginx has no temp path to spool larger ones to.
        await new NginxFrontDoor(nginx.Options).ApplyAsync(new NginxSite("web", port, [release.Port]).WithBodyLimit("8k"), default);
        await nginx.StartAsync();
        using var http = new HttpClient();

        using var over = await http.PostAsync($"http://127.0.0.1:{port}/", new ByteArrayContent(new byte[9 << 10]));
        using var under = await http.PostAsync($"http://127.0.0.1:{port}/", new ByteArrayContent(new byte[7 << 10]));

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal("took it", await under.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("64")]
    [InlineData("11g")]
    [InlineData("1m; include /etc/shadow")]
    public void A_body_limit_outside_1k_to_10g_never_reaches_an_nginx_file(string size) =>
        Assert.Throws<ArgumentException>(() => NginxConf.Render(new NginxSite("web", 10001, [20005]).WithBodyLimit(size)));

    [Fact]
    public async Task A_new_app_answers_through_a_running_nginx_as_soon_as_its_switch_returns()
    {
        using var release = new LocalHttpServer(200, "new app");
        var port = FreePorts.One();
        await nginx.StartAsync();
        var door = new NginxFrontDoor(nginx.Running);
        using var http = new HttpClient();

        await door.ApplyAsync(new NginxSite("fresh", port, [release.Port]), default);

        // No retry: the port is open in the new workers once the switch returns.
        Assert.Equal("new app", await http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task An_nginx_whose_pid_file_is_elsewhere_is_reloaded_by_its_service_manager_command()
    {
        using var release = new LocalHttpServer(200, "reloaded by command");
        var port = FreePorts.One();
        await nginx.StartAsync();
        var door = new NginxFrontDoor(nginx.Running with
        {
            PidFile = Path.Combine(nginx.Root, "elsewhere.pid"),
            ReloadWithoutPid = ["nginx", "-s", "reload", .. nginx.Running.GlobalArguments],
        });
        using var http = new HttpClient();

        await door.ApplyAsync(new NginxSite("other", port, [release.Port]), default);

        Assert.Equal("reloaded by command", await GetAsync(http, port, null, "reloaded by command"));
    }

    // A reload is asynchronous: old workers answer until they exit. Wait (bounded) for the expected body.
    static async Task<string> GetAsync(HttpClient http, int port, string? host, string expected)
    {
        var body = "";
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
                if (host is not null)
                    request.Headers.Host = host;
                using var response = await http.SendAsync(request);
                body = await response.Content.ReadAsStringAsync();
                if (body == expected)
                    return body;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        return body;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await nginx.DisposeAsync();
}
