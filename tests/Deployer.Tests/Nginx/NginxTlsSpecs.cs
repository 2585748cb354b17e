using Nap.Deployer.Certs;
using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Nginx;

/// <summary>An app with a certificate: its domains get an https server in its nginx file, checked by the real nginx -t.</summary>
public sealed class NginxTlsSpecs : IAsyncLifetime
{
    readonly NginxFixture nginx = new();
    readonly AppCerts certs;
    readonly AppSites sites;
    readonly string data;

    public NginxTlsSpecs()
    {
        data = Directory.CreateTempSubdirectory("nap-certs-").FullName;
        var paths = new NapPaths(data, data, data);
        certs = new AppCerts(paths);
        sites = new AppSites(new NapdConfig(), paths);
    }

    static NginxSite Web => new NginxSite("web", 10001, [20005]).WithDomains(["web.example.com", "www.example.com"]);

    /// <summary>The site as every change of the app builds it (Routing's AppSites), with whatever certificate is stored.</summary>
    NginxSite Served => sites.Site(new AppState("web", "alice", DateTimeOffset.UnixEpoch).WithDomains(["web.example.com", "www.example.com"]), 10001, [20005]);

    [Fact]
    public void The_https_server_serves_the_domains_with_the_certificate_beside_the_http_one()
    {
        var text = NginxConf.Render(Web.WithTls(new NginxTls("/d/tls/chain.pem", "/d/tls/key.pem", "AB:CD")));

        Assert.StartsWith("# web: written by napd on every release; edits are lost.\n# certificate sha256 AB:CD\n", text);
        Assert.Contains("""
            server {
                listen 443 ssl;
                server_name web.example.com www.example.com;
                ssl_certificate /d/tls/chain.pem;
                ssl_certificate_key /d/tls/key.pem;
                client_max_body_size 1m;
                location / {
                    proxy_pass http://nap-web;
            """.Replace("\r", ""), text);
        Assert.Contains("    listen 80;\n    server_name web.example.com www.example.com;\n", text);
        Assert.Contains("    listen 10001;\n", text);
    }

    [Fact]
    public void Without_domains_a_certificate_adds_no_server()
    {
        var text = NginxConf.Render(new NginxSite("web", 10001, [20005]).WithTls(new NginxTls("/d/chain.pem", "/d/key.pem", "AB")));

        Assert.DoesNotContain("ssl", text);
    }

    [Theory]
    [InlineData("/d/chain.pem; include /etc/shadow")]
    [InlineData("/d/my chain.pem")]
    public void A_certificate_path_that_is_not_one_nginx_word_never_reaches_a_file(string path)
    {
        Assert.Throws<ArgumentException>(() => NginxConf.Render(Web.WithTls(new NginxTls(path, "/d/key.pem", "AB"))));
    }

    [Fact]
    public async Task The_site_names_a_stored_certificate_nginx_accepts_it_and_drops_it_before_its_files_go()
    {
        var door = new NginxFrontDoor(nginx.Options);
        var cert = TestCertificate.SelfSigned("web.example.com");
        certs.Save("web", CertBundle.Parse(cert.Bundle, DateTimeOffset.UtcNow));

        await door.ApplyAsync(Served, default);

        var text = await File.ReadAllTextAsync(door.PathOf("web"));
        Assert.Contains($"# certificate sha256 {cert.Sha256}\n", text);
        Assert.Contains($"    ssl_certificate {certs.ChainPath("web")};\n", text);
        Assert.Contains($"    ssl_certificate_key {certs.KeyPath("web")};\n", text);

        await door.ApplyAsync(Served.WithTls(null), default);
        Assert.DoesNotContain("ssl", await File.ReadAllTextAsync(door.PathOf("web")));
        certs.Remove("web");
        await door.ApplyAsync(Served, default);

        Assert.DoesNotContain("ssl", await File.ReadAllTextAsync(door.PathOf("web")));
        Assert.Null(certs.Read("web"));
    }

    [Fact]
    public async Task A_new_certificate_at_the_same_paths_changes_the_file_so_nginx_reloads()
    {
        var door = new NginxFrontDoor(nginx.Options);
        certs.Save("web", CertBundle.Parse(TestCertificate.SelfSigned("web.example.com").Bundle, DateTimeOffset.UtcNow));
        await door.ApplyAsync(Served, default);
        var before = await File.ReadAllTextAsync(door.PathOf("web"));

        var renewed = TestCertificate.SelfSigned("web.example.com");
        certs.Save("web", CertBundle.Parse(renewed.Bundle, DateTimeOffset.UtcNow));
        await door.ApplyAsync(Served, default);

        var after = await File.ReadAllTextAsync(door.PathOf("web"));
        Assert.NotEqual(before, after);
        Assert.Contains(renewed.Sha256, after);
    }

    [Fact]
    public void The_key_is_readable_by_its_owner_only_and_a_restore_puts_the_previous_certificate_back()
    {
        var first = TestCertificate.SelfSigned("web.example.com");
        certs.Save("web", CertBundle.Parse(first.Bundle, DateTimeOffset.UtcNow));
        var before = certs.Save("web", CertBundle.Parse(TestCertificate.SelfSigned("web.example.com").Bundle, DateTimeOffset.UtcNow));

        certs.Restore("web", before);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certs.KeyPath("web")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(certs.KeyPath("web"))!));
        Assert.Equal(first.Sha256, certs.Read("web")?.Fingerprint);
        Assert.Equal(first.KeyPem, File.ReadAllText(certs.KeyPath("web")));
    }

    [Fact]
    public async Task The_first_site_with_a_certificate_brings_the_port_a_default_server_that_refuses_unknown_names()
    {
        var door = new NginxFrontDoor(nginx.Options);
        certs.Save("web", CertBundle.Parse(TestCertificate.SelfSigned("web.example.com").Bundle, DateTimeOffset.UtcNow));

        await door.ApplyAsync(Served, default);

        // nginx -t accepted it beside the app's file: a refused one is not left on disk.
        var text = await File.ReadAllTextAsync(Path.Combine(nginx.ConfDir, NginxConf.TlsDefaultFileName));
        Assert.Contains($"    listen {Web.TlsPort} ssl default_server;\n", text);
        Assert.Contains("    ssl_reject_handshake on;\n", text);
    }

    [Fact]
    public async Task Beside_another_default_server_on_the_port_the_app_still_gets_https_and_napd_adds_no_default()
    {
        await File.WriteAllTextAsync(Path.Combine(nginx.ConfDir, "admin-default.conf"), $"server {{ listen {Web.TlsPort} ssl default_server; ssl_reject_handshake on; }}\n");
        var door = new NginxFrontDoor(nginx.Options);
        certs.Save("web", CertBundle.Parse(TestCertificate.SelfSigned("web.example.com").Bundle, DateTimeOffset.UtcNow));

        await door.ApplyAsync(Served, default);

        Assert.Contains("ssl_certificate ", await File.ReadAllTextAsync(door.PathOf("web")));
        Assert.False(File.Exists(Path.Combine(nginx.ConfDir, NginxConf.TlsDefaultFileName)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await nginx.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }
}
