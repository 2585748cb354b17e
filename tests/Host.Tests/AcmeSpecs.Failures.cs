using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>What the CA or the network refuses: one line each, and the certificate that served keeps serving.</summary>
public sealed partial class AcmeSpecs
{
    [Fact]
    public async Task Certs_auto_for_an_app_without_a_domain_is_refused_in_one_line()
    {
        await PushAsync("acme5", domain: null);

        var auto = await host.Ssh("certs:auto acme5");

        Assert.Equal((1, ""), (auto.ExitCode, auto.Stdout));
        Assert.Equal(" !     acme5: no domain to certify: add one with domains:add acme5 DOMAIN (its DNS pointing at this host); http keeps serving\n", auto.Stderr);
    }

    [Fact]
    public async Task A_new_domain_whose_challenge_fails_or_that_the_CA_refuses_is_refused_in_one_line_and_the_old_certificate_keeps_serving()
    {
        const string domain = "acme6.nap.test", elsewhere = "elsewhere.acme6.nap.test";
        var before = await PushWithCertificateAsync("acme6", domain);
        // Its DNS points at another machine (this one's loopback, for pebble): the challenge is fetched there.
        await pebble.PointAsync(elsewhere, "127.0.0.1");

        var unreachable = await host.Ssh($"domains:add acme6 {elsewhere}");
        var refused = await host.Ssh($"domains:add acme6 {Pebble.RefusedDomain}");

        var keeps = $" !     acme6 keeps its domains ({domain}): no certificate for {domain} ";
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Matches(new Regex($@"^{Regex.Escape(keeps)}{Regex.Escape(elsewhere)} from {Regex.Escape(pebble.DirectoryUrl)}: \[{Regex.Escape(elsewhere)}\] [a-zA-Z]+: .*\(each name's DNS must point at this host, and port 80 reach nginx here\)\n$"), unreachable.Stderr);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"{keeps}{Pebble.RefusedDomain} from {pebble.DirectoryUrl}: "
            + $"rejectedIdentifier: Order included an identifier for which issuance is forbidden by policy: \"{Pebble.RefusedDomain}\" (the CA does not issue for this name)\n", refused.Stderr);
        Assert.Equal(before, await PresentedAsync(domain));
        Assert.Equal(domain, (await host.Ssh("domains acme6")).Stdout.Trim());
        var site = (await host.Exec("cat", "/etc/nginx/conf.d/nap-acme6.conf")).Stdout;
        Assert.DoesNotContain(elsewhere, site);
        Assert.DoesNotContain(Pebble.RefusedDomain, site);
        Assert.Contains("Hello from nap", (await HttpsAsync(domain)).Stdout);
    }

    [Fact]
    public async Task With_the_ACME_server_down_a_renewal_fails_in_one_line_the_old_certificate_serves_and_every_release_says_so_until_one_succeeds()
    {
        const string domain = "acme7.nap.test";
        var before = await PushWithCertificateAsync("acme7", domain);
        // The server's port refuses connections from the host, as a stopped server's does (pebble itself keeps its
        // state, which a restart would lose).
        var block = $"OUTPUT -p tcp --dport {pebble.Port} -j REJECT --reject-with tcp-reset";
        (await host.Exec(["iptables", "-I", .. block.Split(' ')])).EnsureSuccess("blocking pebble");
        ExecResult renew, certs, restart;
        try
        {
            renew = await host.Ssh("certs:renew acme7 --force");
            certs = await host.Ssh("certs acme7");
            restart = await host.Ssh("restart acme7");
        }
        finally
        {
            (await host.Exec(["iptables", "-D", .. block.Split(' ')])).EnsureSuccess("unblocking pebble");
        }

        Assert.Equal(1, renew.ExitCode);
        var line = new Regex($@"^ !     the certificate of acme7 was not renewed on \S+ \S+ UTC: no certificate for {Regex.Escape(domain)} from {Regex.Escape(pebble.DirectoryUrl)}: .*connection refused; the current one serves until \S+ \S+ UTC \(certs:renew acme7 tries again\)$", RegexOptions.Multiline);
        Assert.Matches(line, renew.Stderr);
        Assert.Single(renew.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(line, certs.Stderr);
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.Matches(line, restart.Stderr);
        Assert.Equal(before, await PresentedAsync(domain));
        Assert.Contains("was not renewed", (await host.Exec("journalctl", "-u", "napd", "--no-pager", "-o", "cat", "-g", "acme7")).Stdout);

        var again = await host.Ssh("certs:renew acme7");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.NotEqual(before, await PresentedAsync(domain));
        Assert.Equal("", (await host.Ssh("certs acme7")).Stderr);
    }
}
