namespace Nap.Host.Tests;

/// <summary>The renewal timer: one of nap's units, and its run renews what is due through napd, with a reload.</summary>
public sealed partial class AcmeSpecs
{
    [Fact]
    public async Task The_renewal_timer_is_installed_and_its_run_renews_a_due_certificate_with_a_reload_not_a_restart()
    {
        const string domain = "acme8.nap.test";
        // pebble's certificates are valid 29 days: under napd's 30, so each one is due as soon as it is issued.
        var before = await PushWithCertificateAsync("acme8", domain);
        var verify = await host.Exec("systemd-analyze", "verify", "/etc/systemd/system/nap-certs-renew.service", "/etc/systemd/system/nap-certs-renew.timer");
        var timer = await host.Exec("sh", "-c", "systemctl is-enabled nap-certs-renew.timer; systemctl is-active nap-certs-renew.timer; systemctl show -P RandomizedDelayUSec nap-certs-renew.timer");
        var nginxMaster = await host.Exec("cat", "/run/nginx.pid");
        var napd = await host.Exec("systemctl", "show", "-P", "MainPID", "napd");

        var run = await host.Exec("systemctl", "start", "nap-certs-renew.service");

        Assert.True(verify.ExitCode == 0 && verify.Output == "", verify.ToString());
        Assert.Equal("enabled\nactive\n12h", timer.Stdout.Trim());
        Assert.True(run.ExitCode == 0, run.ToString() + (await host.Exec("journalctl", "-u", "nap-certs-renew", "--no-pager", "-o", "cat")).Stdout);
        Assert.Contains("-----> acme8: certificate renewed", (await host.Exec("journalctl", "-u", "nap-certs-renew", "--no-pager", "-o", "cat")).Stdout);
        Assert.NotEqual(before, await PresentedAsync(domain));
        Assert.Contains("Hello from nap", (await HttpsAsync(domain)).Stdout);
        Assert.Equal(nginxMaster.Stdout, (await host.Exec("cat", "/run/nginx.pid")).Stdout);
        Assert.Equal(napd.Stdout, (await host.Exec("systemctl", "show", "-P", "MainPID", "napd")).Stdout);
    }
}
