using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>A certificate as `certs` and `certs:add` print it, and the warning they and every release of the app give when it is about to lapse.</summary>
public static class CertLines
{
    /// <summary>Three weeks: a certificate renewed on the usual schedule (Let's Encrypt's, 30 days before the end) never warns.</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(21);

    /// <param name="auto">The app's automatic certificates (certs:auto), or null for a certificate of its owner's.</param>
    public static IEnumerable<string> Of(CertInfo info, IReadOnlyList<string> domains, DateTimeOffset now, AutoCerts? auto = null)
    {
        yield return $"subject:     {info.Subject}";
        yield return $"names:       {string.Join(' ', info.Names)}";
        yield return $"issuer:      {info.Issuer}";
        yield return $"valid:       {Day(info.NotBefore)} to {Day(info.NotAfter)} ({Left(info, now)})";
        yield return $"sha256:      {info.Fingerprint}";
        yield return $"https for:   {(domains.Count == 0 ? "(no domains yet)" : string.Join(' ', domains))}";
        if (auto is null)
            yield break;
        yield return $"renews:      automatically (ACME), from {Day(AutoRenewal.RenewFrom(info))}";
        if (auto.Redirect)
            yield return "http:        redirects to https (301), but for /.well-known/acme-challenge/";
    }

    /// <summary>
    /// One line when the app's certificate needs its owner: a certificate of theirs ends within <see cref="WarnBefore"/> or
    /// has ended; an automatic one's last renewal failed, or it is that close to its end with no renewal tried. Null otherwise.
    /// </summary>
    public static string? Warning(string app, CertInfo info, DateTimeOffset now, AutoCerts? auto = null)
    {
        if (auto?.Failure is { } failure)
            return $"the certificate of {app} was not renewed on {Day(auto.FailedAt ?? now)}: {failure}; "
                + $"the current one {(info.NotAfter <= now ? "expired on" : "serves until")} {Day(info.NotAfter)} (certs:renew {app} tries again)";
        if (info.NotAfter - now > WarnBefore)
            return null;
        var renew = auto is null
            ? $"send the renewed one with certs:add {app} < bundle.pem"
            : $"it should have renewed 30 days before its end: see systemctl status nap-certs-renew.timer on the host, or run certs:renew {app}";
        return info.NotAfter <= now
            ? $"the certificate of {app} expired on {Day(info.NotAfter)}: browsers refuse https for its domains; {renew}"
            : $"the certificate of {app} expires on {Day(info.NotAfter)} ({Left(info, now)}): {renew}";
    }

    /// <summary>The <see cref="Warning"/>, if any, as a `!` line to the client.</summary>
    public static async Task WarnAsync(IReplyWriter reply, string app, CertInfo info, DateTimeOffset now, AutoCerts? auto = null)
    {
        if (Warning(app, info, now, auto) is { } warning)
            await reply.ProblemAsync(warning);
    }

    static string Left(CertInfo info, DateTimeOffset now)
    {
        var days = (int)Math.Floor(Math.Abs((info.NotAfter - now).TotalDays));
        var span = days == 1 ? "1 day" : $"{days} days";
        return info.NotAfter <= now
            ? days == 0 ? "expired today" : $"expired {span} ago"
            : days == 0 ? "expires today" : $"expires in {span}";
    }

    public static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
