using Nap.Deployer.Nginx;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Nginx;

/// <summary>Where nginx passes /nap/hooks/ to napd: the host's address (nap-0-hooks.conf) and every app's domains, on 80 and on 443 with a certificate.</summary>
public sealed class NginxHooksSpecs : IAsyncLifetime
{
    const string Socket = "/run/nap/hooks.sock";
    const string Location = "location ^~ /nap/hooks/ {";
    readonly NginxFixture nginx = new();

    static readonly NginxSite Web = new NginxSite("web", 10001, [20005]).WithDomains(["web.example.com"]).WithHooksSocket(Socket);

    static int Count(string text, string what) => text.Split(what).Length - 1;

    [Fact]
    public void An_apps_domains_pass_webhooks_to_napd_on_port_80_and_on_443_once_it_has_a_certificate()
    {
        var http = NginxConf.Render(Web);
        var https = NginxConf.Render(Web.WithTls(new NginxTls("/d/chain.pem", "/d/key.pem", "AB")).WithRedirectToHttps(true));

        Assert.Equal(1, Count(http, Location));
        Assert.Equal(2, Count(https, Location));
        Assert.Contains($"proxy_pass http://unix:{Socket}:;", https);
        Assert.Contains("client_max_body_size 1m;", https);
        // The redirect to https spares the webhooks: a forge posting to http is not sent a 301 it would not follow.
        Assert.True(https.IndexOf(Location, StringComparison.Ordinal) < https.IndexOf("return 301", StringComparison.Ordinal));
    }

    [Fact]
    public void An_app_on_its_port_only_and_a_site_without_the_socket_carry_no_hooks_location()
    {
        Assert.Equal(0, Count(NginxConf.Render(new NginxSite("web", 10001, [20005]).WithHooksSocket(Socket)), Location));
        Assert.Equal(0, Count(NginxConf.Render(Web.WithHooksSocket(null)), Location));
    }

    [Fact]
    public async Task Nginx_accepts_the_hooks_server_beside_an_apps_file_and_napd_writes_it_once()
    {
        var door = new NginxFrontDoor(nginx.Options);

        await door.ApplyAsync(Web, default);
        await door.EnsureHooksServerAsync("203.0.113.7", Socket, default);
        var written = File.GetLastWriteTimeUtc(Path.Combine(nginx.ConfDir, NginxConf.HooksFileName));
        await door.EnsureHooksServerAsync("203.0.113.7", Socket, default);

        var text = await File.ReadAllTextAsync(Path.Combine(nginx.ConfDir, NginxConf.HooksFileName));
        Assert.Contains("server_name 203.0.113.7;", text);
        Assert.Contains("listen 80;", text);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(nginx.ConfDir, NginxConf.HooksFileName)));
        Assert.Throws<ArgumentException>(() => NginxConf.HooksServer("a; include /etc/passwd", Socket));
    }

    [Fact]
    public async Task Each_apps_file_declares_its_own_webhook_rate_zone_so_an_app_and_its_environment_pass_nginx_together()
    {
        var door = new NginxFrontDoor(nginx.Options);
        var staging = new NginxSite("web.staging", 10002, [20006]).WithDomains(["staging.web.example.com"]).WithHooksSocket(Socket);

        await door.ApplyAsync(Web, default);
        await door.ApplyAsync(staging, default);
        await door.EnsureHooksServerAsync("203.0.113.7", Socket, default);

        Assert.Contains("limit_req zone=nap_hooks_web.staging burst=20 nodelay;", NginxConf.Render(staging));
        Assert.Contains("limit_req_zone $binary_remote_addr zone=nap_hooks_web:64k rate=5r/s;", NginxConf.Render(Web));
        Assert.DoesNotContain("limit_req", NginxConf.Render(new NginxSite("web", 10001, [20005]).WithHooksSocket(Socket)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await nginx.DisposeAsync();
}
