namespace Nap.Host.Tests;

/// <summary>
/// TLS with the admin's own certificate (issue 6, item 5): certs:add over real ssh with the bundle on
/// stdin, then the real nginx on the host serves the app's domains on 443 with it.
/// </summary>
[Collection(FeatureHostCollection.Name)]
public sealed class CertsSpecs(NapHost host)
{
    async Task PushHelloAsync(string app, string? domain)
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        (await tree.PushAsync(app)).EnsureSuccess($"push {app}");
        if (domain is not null)
            (await host.Ssh($"domains:add {app} {domain}")).EnsureSuccess("domains:add");
    }

    /// <summary>hello pushed as <paramref name="app"/> with <paramref name="domain"/>, and a certificate for it added.</summary>
    async Task<SelfSignedCertificate> PushWithCertificateAsync(string app, string domain)
    {
        await PushHelloAsync(app, domain);
        var cert = SelfSignedCertificate.For(domain);
        (await CertsAddAsync(app, cert.Bundle)).EnsureSuccess("certs:add");
        return cert;
    }

    Task<ExecResult> CertsAddAsync(string app, string bundle) => host.Ssh(host.TestKey, [], $"certs:add {app}", bundle);

    /// <summary>curl inside the host, with the domain resolved to nginx there; -k because the certificate is self-signed.</summary>
    Task<ExecResult> CurlAsync(string url, string domain, int port) =>
        host.Exec("curl", "-sS", "-k", "--max-time", "10", "--resolve", $"{domain}:{port}:127.0.0.1", url);

    /// <summary>The SHA-256 fingerprint of the certificate nginx presents for <paramref name="domain"/> (SNI), as openssl prints it.</summary>
    async Task<string> PresentedFingerprintAsync(string domain) =>
        (await host.Exec("sh", "-c",
            $"openssl s_client -connect 127.0.0.1:443 -servername {domain} </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256")).Stdout;

    Task<string> NginxFileAsync(string app) => host.Exec("cat", $"/etc/nginx/conf.d/nap-{app}.conf").ContinueWith(t => t.Result.Stdout);

    [Fact]
    public async Task A_certificate_for_the_apps_domain_serves_it_over_https_with_that_certificate_and_http_keeps_working()
    {
        const string domain = "tls1.example.test";
        await PushHelloAsync("tls1", domain);
        var cert = SelfSignedCertificate.For(domain);

        var add = await CertsAddAsync("tls1", cert.Bundle);

        Assert.Equal(0, add.ExitCode);
        Assert.Contains($"sha256:      {cert.Sha256}", add.Stdout);
        Assert.Contains($"https://{domain}/", add.Stdout);
        var https = await CurlAsync($"https://{domain}/", domain, 443);
        Assert.Contains("Hello from nap", https.Stdout);
        Assert.Contains($"Fingerprint={cert.Sha256}", await PresentedFingerprintAsync(domain), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hello from nap", (await CurlAsync($"http://{domain}/", domain, 80)).Stdout);
        Assert.Equal("600 root\n700 root\n", (await host.Exec("stat", "-c", "%a %U", "/var/lib/nap/apps/tls1/tls/key.pem", "/var/lib/nap/apps/tls1/tls")).Stdout);
        var report = await host.Ssh("certs tls1 --json");
        Assert.Contains($"\"fingerprint\":\"{cert.Sha256}\"", report.Stdout);
        Assert.Contains($"\"names\":[\"{domain}\"]", report.Stdout);
    }

    [Fact]
    public async Task A_certificate_near_its_end_is_flagged_by_certs_add_certs_and_every_release_of_the_app()
    {
        const string domain = "tls4.example.test";
        await PushHelloAsync("tls4", domain);

        var add = await CertsAddAsync("tls4", SelfSignedCertificate.For(domain, days: 10).Bundle);

        Assert.Equal(0, add.ExitCode);
        const string warning = " !     the certificate of tls4 expires on ";
        Assert.Contains(warning, add.Stderr);
        Assert.Contains("(expires in 9 days): send the renewed one with certs:add tls4 < bundle.pem", add.Stderr);
        Assert.Contains(warning, (await host.Ssh("certs tls4")).Stderr);
        var restart = await host.Ssh("restart tls4");
        Assert.Equal(0, restart.ExitCode);
        Assert.Contains(warning, restart.Stderr);
    }

    [Fact]
    public async Task A_name_no_certificate_covers_gets_its_handshake_refused_rather_than_some_apps_certificate()
    {
        const string domain = "tls5.example.test";
        var cert = await PushWithCertificateAsync("tls5", domain);

        Assert.Contains($"Fingerprint={cert.Sha256}", await PresentedFingerprintAsync(domain), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Fingerprint", await PresentedFingerprintAsync("unknown.example.test"));
        Assert.Contains("ssl_reject_handshake on;", (await host.Exec("cat", "/etc/nginx/conf.d/nap-0-tls-default.conf")).Stdout);
    }

    [Fact]
    public async Task A_garbage_bundle_is_refused_in_one_line_and_the_served_certificate_and_nginx_file_stay()
    {
        const string domain = "tls2.example.test";
        var cert = await PushWithCertificateAsync("tls2", domain);
        var nginxBefore = await NginxFileAsync("tls2");

        var garbage = await CertsAddAsync("tls2", "this is not a certificate\n");
        var foreignKey = await CertsAddAsync("tls2", cert.CertPem + SelfSignedCertificate.For(domain).KeyPem);
        var tooLong = await CertsAddAsync("tls2", cert.Bundle + new string('#', 64 * 1024));

        Assert.Equal(1, garbage.ExitCode);
        Assert.Equal("", garbage.Stdout);
        Assert.Matches(@"^ !     tls2: the input holds no PEM certificate \(-----BEGIN CERTIFICATE-----\): send the certificate chain and its private key as one PEM file: [^\n]*\n$", garbage.Stderr);
        Assert.Equal(1, foreignKey.ExitCode);
        Assert.Equal($" !     tls2: the private key does not belong to the certificate for {domain}: send the key the certificate was issued for\n", foreignKey.Stderr);
        Assert.Equal((1, "nap: the input to 'certs:add' is larger than 64 KiB: send only what it needs (certs:add APP < bundle.pem)\n"), (tooLong.ExitCode, tooLong.Stderr));
        Assert.Equal(nginxBefore, await NginxFileAsync("tls2"));
        Assert.Contains($"Fingerprint={cert.Sha256}", await PresentedFingerprintAsync(domain), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_domains_the_certificate_waits_for_one_and_certs_remove_takes_the_https_server_away()
    {
        const string domain = "tls3.example.test";
        await PushHelloAsync("tls3", domain: null);
        var cert = SelfSignedCertificate.For(domain);

        var add = await CertsAddAsync("tls3", cert.Bundle);

        Assert.Equal(0, add.ExitCode);
        Assert.Contains("TLS serves only the app's domains and tls3 has none: add one with domains:add tls3 DOMAIN", add.Stdout);
        Assert.DoesNotContain("443", await NginxFileAsync("tls3"));

        // The certificate is part of the app's front door: a later rewrite (here domains:add) brings it in.
        (await host.Ssh($"domains:add tls3 {domain}")).EnsureSuccess("domains:add");
        Assert.Contains("listen 443 ssl;", await NginxFileAsync("tls3"));
        Assert.Contains($"Fingerprint={cert.Sha256}", await PresentedFingerprintAsync(domain), StringComparison.OrdinalIgnoreCase);

        var remove = await host.Ssh("certs:remove tls3");

        Assert.Equal(0, remove.ExitCode);
        Assert.DoesNotContain("443", await NginxFileAsync("tls3"));
        Assert.DoesNotContain(cert.Sha256, await PresentedFingerprintAsync(domain), StringComparison.OrdinalIgnoreCase);
        Assert.False((await host.Exec("test", "-e", "/var/lib/nap/apps/tls3/tls/key.pem")).ExitCode == 0);
        Assert.Contains("Hello from nap", (await CurlAsync($"http://{domain}/", domain, 80)).Stdout);
        Assert.Contains("has no certificate", (await host.Ssh("certs tls3")).Stdout);
    }
}
