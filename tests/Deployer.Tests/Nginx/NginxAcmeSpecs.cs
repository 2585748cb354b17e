using System.Net;
using Nap.Deployer.Nginx;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Nginx;

/// <summary>An app with automatic certificates: its port-80 server answers ACME's HTTP-01 challenges and, if asked, redirects the rest to https. Real nginx.</summary>
public sealed class NginxAcmeSpecs : IAsyncLifetime
{
    readonly NginxFixture nginx = new();
    readonly TestDir dir = new();

    static NginxSite Web => new NginxSite("web", 10001, [20005]).WithDomains(["web.example.com"]);

    NginxTls Certificate()
    {
        var cert = TestCertificate.SelfSigned("web.example.com");
        File.WriteAllText(Path.Combine(dir.Path, "chain.pem"), cert.CertPem);
        File.WriteAllText(Path.Combine(dir.Path, "key.pem"), cert.KeyPem);
        return NginxTls.FromFiles(Path.Combine(dir.Path, "chain.pem"), Path.Combine(dir.Path, "key.pem"))!;
    }

    [Fact]
    public void The_challenge_path_is_served_from_the_webroot_on_the_domains_port_only()
    {
        var text = NginxConf.Render(Web.WithAcmeChallenge("/var/lib/nap/acme-webroot"));

        Assert.Contains("""
                server_name web.example.com;
                client_max_body_size 1m;
                location ^~ /.well-known/acme-challenge/ {
                    root /var/lib/nap/acme-webroot;
                    default_type text/plain;
                    try_files $uri =404;
                }
                location / {
                    proxy_pass http://nap-web;
            """.Replace("\r", ""), text);
        Assert.Single(text.Split("acme-challenge").Skip(1));
    }

    [Fact]
    public void The_redirect_needs_a_certificate_to_send_clients_to()
    {
        var withoutTls = NginxConf.Render(Web.WithRedirectToHttps(true));
        var withTls = NginxConf.Render(Web.WithRedirectToHttps(true).WithTls(new NginxTls("/d/chain.pem", "/d/key.pem", "AB")));

        Assert.DoesNotContain("return 301", withoutTls);
        Assert.Contains("    location / {\n        return 301 https://$host$request_uri;\n    }\n", withTls);
        // The app's own port and the https server still proxy.
        Assert.Equal(2, withTls.Split("proxy_pass http://nap-web;").Length - 1);
    }

    [Fact]
    public void A_webroot_that_is_not_one_nginx_word_never_reaches_a_file()
    {
        Assert.Throws<ArgumentException>(() => NginxConf.Render(Web.WithAcmeChallenge("/srv/a; include /etc/shadow")));
    }

    [Fact]
    public async Task A_running_nginx_serves_the_answer_over_http_and_redirects_the_rest_with_the_path_kept()
    {
        using var app = new LocalHttpServer(200, "the app");
        var ports = FreePorts.Take(3);
        // nginx's workers run unprivileged here too: the webroot's parents must let them through, as /var/lib/nap does.
        File.SetUnixFileMode(dir.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        var webroot = dir.Sub("webroot");
        Directory.CreateDirectory(Path.Combine(webroot, ".well-known", "acme-challenge"));
        await File.WriteAllTextAsync(Path.Combine(webroot, ".well-known", "acme-challenge", "token-1"), "token-1.thumbprint");
        var site = new NginxSite("web", ports[0], [app.Port]).WithDomains(["web.example.com"]).WithDomainPort(ports[1]).WithTlsPort(ports[2])
            .WithTls(Certificate()).WithAcmeChallenge(webroot).WithRedirectToHttps(true);
        await new NginxFrontDoor(nginx.Options).ApplyAsync(site, default);
        await nginx.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var answer = await GetAsync(http, ports[1], "/.well-known/acme-challenge/token-1");
        var missing = await GetAsync(http, ports[1], "/.well-known/acme-challenge/other");
        var page = await GetAsync(http, ports[1], "/page?q=1");
        var direct = await GetAsync(http, ports[0], "/");

        Assert.Equal((HttpStatusCode.OK, "token-1.thumbprint"), (answer.StatusCode, await answer.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((HttpStatusCode.MovedPermanently, "https://web.example.com/page?q=1"), (page.StatusCode, page.Headers.Location?.ToString()));
        Assert.Equal((HttpStatusCode.OK, "the app"), (direct.StatusCode, await direct.Content.ReadAsStringAsync()));
    }

    static Task<HttpResponseMessage> GetAsync(HttpClient http, int port, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        request.Headers.Host = "web.example.com";
        return http.SendAsync(request);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await nginx.DisposeAsync();
        dir.Dispose();
    }
}
