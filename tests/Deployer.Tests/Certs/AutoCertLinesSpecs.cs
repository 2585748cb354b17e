using Nap.Deployer.Apps;
using Nap.Deployer.Certs;

namespace Nap.Deployer.Tests.Certs;

/// <summary>An automatic certificate (certs:auto): when it is due, and what `certs` and every release say of it.</summary>
public sealed class AutoCertLinesSpecs
{
    static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    static CertInfo Ending(DateTimeOffset notAfter, params string[] names) =>
        new("CN=web.example.com", names is [] ? ["web.example.com"] : names, "CN=R10", notAfter.AddDays(-90), notAfter, "AB:CD");

    [Fact]
    public void A_certificate_is_due_thirty_days_before_its_end_and_not_a_minute_earlier()
    {
        Assert.False(AutoRenewal.IsDue(Ending(Now.AddDays(30).AddMinutes(1)), ["web.example.com"], Now));
        Assert.True(AutoRenewal.IsDue(Ending(Now.AddDays(30)), ["web.example.com"], Now));
        Assert.Equal(Now.AddDays(60), AutoRenewal.RenewFrom(Ending(Now.AddDays(90))));
    }

    [Fact]
    public void A_certificate_that_misses_one_of_the_apps_names_or_none_at_all_is_due_at_once()
    {
        Assert.True(AutoRenewal.IsDue(Ending(Now.AddDays(80)), ["web.example.com", "www.example.com"], Now));
        Assert.True(AutoRenewal.IsDue(null, ["web.example.com"], Now));
        Assert.False(AutoRenewal.IsDue(Ending(Now.AddDays(80), "web.example.com", "old.example.com"), ["web.example.com"], Now));
    }

    [Fact]
    public void Certs_says_it_renews_automatically_and_from_when_and_whether_http_redirects()
    {
        var lines = CertLines.Of(Ending(Now.AddDays(80)), ["web.example.com"], Now, new AutoCerts(Redirect: true)).ToArray();

        Assert.Contains("renews:      automatically (ACME), from 2027-01-14 12:00 UTC", lines);
        Assert.Contains("http:        redirects to https (301), but for /.well-known/acme-challenge/", lines);
        Assert.DoesNotContain(CertLines.Of(Ending(Now.AddDays(80)), ["web.example.com"], Now), l => l.StartsWith("renews:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_renewal_is_a_warning_with_its_reason_until_one_succeeds_even_far_from_the_end()
    {
        var failed = new AutoCerts().WithFailure("no certificate for web.example.com from https://acme.example/dir: connection refused", Now.AddHours(-2));

        Assert.Equal("the certificate of web was not renewed on 2026-11-25 10:00 UTC: no certificate for web.example.com from https://acme.example/dir: connection refused; "
            + "the current one serves until 2027-02-13 12:00 UTC (certs:renew web tries again)", CertLines.Warning("web", Ending(Now.AddDays(80)), Now, failed));
        Assert.Null(CertLines.Warning("web", Ending(Now.AddDays(80)), Now, failed.WithoutFailure()));
    }

    [Fact]
    public void An_automatic_certificate_three_weeks_from_its_end_with_no_failure_points_at_the_timer_not_at_certs_add()
    {
        var warning = CertLines.Warning("web", Ending(Now.AddDays(20)), Now, new AutoCerts());

        Assert.Equal("the certificate of web expires on 2026-12-15 12:00 UTC (expires in 20 days): it should have renewed 30 days before its end: "
            + "see systemctl status nap-certs-renew.timer on the host, or run certs:renew web", warning);
    }
}
