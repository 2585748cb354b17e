namespace Nap.Host.Tests;

/// <summary>
/// Certificates that get and renew themselves (issue 17), against a real ACME server: pebble on the test machine
/// (<see cref="Pebble"/>), the host's lego and nginx answering its HTTP-01 challenges on port 80, and https checked
/// from the test machine trusting pebble's root only. Each spec has its own app and names.
/// </summary>
[Collection(FeatureHostCollection.Name)]
public sealed partial class AcmeSpecs(NapHost host, Pebble pebble) : IClassFixture<Pebble>, IAsyncLifetime
{
    public Task InitializeAsync() => pebble.AttachAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>examples/hello pushed as <paramref name="app"/>, with <paramref name="domain"/> added when given.</summary>
    async Task PushAsync(string app, string? domain)
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        (await tree.PushAsync(app)).EnsureSuccess($"push {app}");
        if (domain is not null)
            (await host.Ssh($"domains:add {app} {domain}")).EnsureSuccess("domains:add");
    }

    /// <summary>Pushed, with a domain and a certificate from pebble; returns its fingerprint.</summary>
    async Task<string> PushWithCertificateAsync(string app, string domain, string flags = "")
    {
        await PushAsync(app, domain);
        (await host.Ssh($"certs:auto {app} {flags}".TrimEnd())).EnsureSuccess("certs:auto");
        return await PresentedAsync(domain);
    }

    /// <summary>curl on the test machine to the host's nginx, https trusting pebble's root only.</summary>
    Task<ExecResult> HttpsAsync(string domain, string path = "/") =>
        Run.Async("curl", ["-sS", "--max-time", "10", "--cacert", pebble.RootFile, "--resolve", $"{domain}:443:{host.Ip}", $"https://{domain}{path}"]);

    /// <summary>Plain http on port 80: the status, and the Location of a redirect.</summary>
    async Task<string> HttpStatusAsync(string domain, string path = "/") =>
        (await Run.Async("curl", ["-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "--resolve", $"{domain}:80:{host.Ip}", $"http://{domain}{path}"])).Stdout.Trim();

    /// <summary>The SHA-256 fingerprint (AB:CD:...) of the certificate nginx presents for <paramref name="domain"/>, or "" when none.</summary>
    async Task<string> PresentedAsync(string domain)
    {
        var text = (await Run.Async("sh", ["-c", $"openssl s_client -connect {host.Ip}:443 -servername {domain} </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"])).Stdout;
        return text.Contains('=', StringComparison.Ordinal) ? text.Split('=', 2)[1].Trim() : "";
    }

    /// <summary>The DNS names of the certificate nginx presents for <paramref name="domain"/>.</summary>
    async Task<string> PresentedNamesAsync(string domain) =>
        (await Run.Async("sh", ["-c", $"openssl s_client -connect {host.Ip}:443 -servername {domain} </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName"])).Stdout;

    [Fact]
    public async Task Certs_auto_gets_a_certificate_from_the_ACME_server_and_https_serves_the_app_with_it()
    {
        await PushAsync("acme1", "acme1.nap.test");

        var auto = await host.Ssh("certs:auto acme1 --email owner@nap.test");

        Assert.True(auto.ExitCode == 0, auto.ToString());
        Assert.Contains($"-----> acme1: asking {pebble.DirectoryUrl} for a certificate for acme1.nap.test", auto.Stdout);
        Assert.Contains("-----> acme1: certificate installed; it renews automatically", auto.Stdout);
        Assert.Contains("https://acme1.nap.test/", auto.Stdout);
        var https = await HttpsAsync("acme1.nap.test");
        Assert.True(https.ExitCode == 0, https.ToString());
        Assert.Contains("Hello from nap", https.Stdout);
        // http keeps serving beside https unless asked for the redirect.
        Assert.Equal("200", await HttpStatusAsync("acme1.nap.test"));
        var certs = (await host.Ssh("certs acme1")).Stdout;
        Assert.Contains("issuer:      CN=Pebble Intermediate CA", certs);
        Assert.Contains("names:       acme1.nap.test\n", certs);
        Assert.Contains($"sha256:      {await PresentedAsync("acme1.nap.test")}", certs);
        Assert.Matches(@"valid:       \S+ \S+ UTC to \S+ \S+ UTC \(expires in 2\d days\)", certs);
        Assert.Contains("renews:      automatically (ACME), from ", certs);
        Assert.Contains("\"autoCerts\":{\"email\":\"owner@nap.test\",\"redirect\":false", (await host.Ssh("certs acme1 --json")).Stdout);
        // The key is in the app's tls/ only: lego's copy is gone, its account stays in its own 0700 directory.
        Assert.Equal("600 root\n", (await host.Exec("stat", "-c", "%a %U", "/var/lib/nap/apps/acme1/tls/key.pem")).Stdout);
        Assert.Equal("", (await host.Exec("sh", "-c", "ls /var/lib/nap/acme/certificates")).Stdout);
        Assert.Equal("700\n", (await host.Exec("stat", "-c", "%a", "/var/lib/nap/acme")).Stdout);
    }

    [Fact]
    public async Task With_redirect_http_answers_301_to_https_but_for_the_challenge_path_and_off_returns_to_plain_http()
    {
        const string domain = "acme2.nap.test";
        await PushWithCertificateAsync("acme2", domain, "--redirect");
        // A file where lego writes its answers: nginx serves it over http, as it must for the CA's validator.
        (await host.Exec("sh", "-c", "mkdir -p /var/lib/nap/acme-webroot/.well-known/acme-challenge && echo probe > /var/lib/nap/acme-webroot/.well-known/acme-challenge/probe")).EnsureSuccess("probe file");

        Assert.Equal($"301 https://{domain}/page?q=1", await HttpStatusAsync(domain, "/page?q=1"));
        Assert.Equal("200", await HttpStatusAsync(domain, "/.well-known/acme-challenge/probe"));
        Assert.Contains("Hello from nap", (await HttpsAsync(domain)).Stdout);
        Assert.Contains("http:        redirects to https (301)", (await host.Ssh("certs acme2")).Stdout);

        var off = await host.Ssh("certs:auto acme2 off");

        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Contains("-----> acme2: automatic certificates off, certificate removed; its domains are served over http only", off.Stdout);
        Assert.Equal("200", await HttpStatusAsync(domain));
        Assert.Equal("404", await HttpStatusAsync(domain, "/.well-known/acme-challenge/probe"));
        Assert.Equal("", await PresentedAsync(domain));
        Assert.Contains("acme2 has no certificate", (await host.Ssh("certs acme2")).Stdout);
        Assert.DoesNotContain("autoCerts", (await host.Exec("cat", "/var/lib/nap/apps/acme2/app.json")).Stdout);
    }

    [Fact]
    public async Task A_forced_renewal_replaces_the_certificate_with_no_failed_request_under_load()
    {
        const string domain = "acme3.nap.test";
        var before = await PushWithCertificateAsync("acme3", domain);
        var load = HttpsLoad.Start(domain, host.Ip, pebble.RootFile);
        await Task.Delay(1000);

        var renew = await host.Ssh("certs:renew acme3 --force");
        await Task.Delay(1000);
        var failures = await load.StopAsync();

        Assert.True(renew.ExitCode == 0, renew.ToString());
        Assert.Matches(@"-----> acme3: certificate renewed, valid until .* \(sha256 [0-9A-F:]+\)", renew.Stdout);
        var after = await PresentedAsync(domain);
        Assert.NotEqual(before, after);
        Assert.Empty(failures);
        Assert.True(load.Succeeded > 50, $"only {load.Succeeded} requests went through");
        // Both were served during the load (the renewal timer, should it fire now, may add a third).
        Assert.Contains(before, load.Presented);
        Assert.Contains(after, load.Presented);
    }

    [Fact]
    public async Task A_new_domain_gets_a_certificate_for_the_new_set_of_names_and_a_removed_one_leaves_it()
    {
        await PushWithCertificateAsync("acme4", "acme4.nap.test");

        var add = await host.Ssh("domains:add acme4 www.acme4.nap.test");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("https://www.acme4.nap.test/", add.Stdout);
        Assert.Contains("DNS:acme4.nap.test, DNS:www.acme4.nap.test", await PresentedNamesAsync("www.acme4.nap.test"));
        Assert.Contains("Hello from nap", (await HttpsAsync("www.acme4.nap.test")).Stdout);

        var remove = await host.Ssh("domains:remove acme4 acme4.nap.test");

        Assert.True(remove.ExitCode == 0, remove.ToString());
        var names = await PresentedNamesAsync("www.acme4.nap.test");
        Assert.Contains("DNS:www.acme4.nap.test", names);
        Assert.DoesNotContain("DNS:acme4.nap.test", names);
        Assert.Contains("names:       www.acme4.nap.test\n", (await host.Ssh("certs acme4")).Stdout);
    }
}
