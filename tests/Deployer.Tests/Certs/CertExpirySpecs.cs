using Nap.Deployer.Certs;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Certs;

/// <summary>How close a certificate is to its end, as `certs`, `certs:add` and every push of the app say it.</summary>
public sealed class CertExpirySpecs
{
    static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    static CertInfo Ending(DateTimeOffset notAfter) =>
        new("CN=web.example.com", ["web.example.com"], "CN=ca", Now.AddDays(-60), notAfter, "AB:CD");

    static string Valid(CertInfo info) => CertLines.Of(info, ["web.example.com"], Now).Single(l => l.StartsWith("valid:", StringComparison.Ordinal));

    [Fact]
    public void A_certificate_far_from_its_end_shows_the_days_left_and_gives_no_warning()
    {
        var info = Ending(Now.AddDays(90));

        Assert.Equal("valid:       2026-09-26 12:00 UTC to 2027-02-23 12:00 UTC (expires in 90 days)", Valid(info));
        Assert.Null(CertLines.Warning("web", info, Now));
    }

    [Fact]
    public void Three_weeks_before_its_end_a_certificate_gets_a_warning_that_says_how_to_renew_it()
    {
        var info = Ending(Now.AddDays(20).AddHours(3));

        Assert.Equal("the certificate of web expires on 2026-12-15 15:00 UTC (expires in 20 days): send the renewed one with certs:add web < bundle.pem",
            CertLines.Warning("web", info, Now));
        Assert.Null(CertLines.Warning("web", Ending(Now.AddDays(22)), Now));
    }

    [Fact]
    public void An_ended_certificate_says_so_and_what_browsers_do()
    {
        var info = Ending(Now.AddDays(-1).AddHours(-2));

        Assert.EndsWith("(expired 1 day ago)", Valid(info));
        Assert.Equal("the certificate of web expired on 2026-11-24 10:00 UTC: browsers refuse https for its domains; send the renewed one with certs:add web < bundle.pem",
            CertLines.Warning("web", info, Now));
    }

    [Fact]
    public void The_last_day_reads_today()
    {
        Assert.EndsWith("(expires today)", Valid(Ending(Now.AddHours(5))));
        Assert.EndsWith("(expired today)", Valid(Ending(Now.AddHours(-5))));
    }
}
