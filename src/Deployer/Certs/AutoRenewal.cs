using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>
/// Renewing an automatic certificate (certs:renew, and the renewal timer's run): from 30 days before its end, or at
/// once when its names are no longer the app's. A failure is kept in app.json, which every release and `certs` then
/// show, while the certificate that served keeps serving; the next success clears it.
/// </summary>
public sealed class AutoRenewal(AcmeCertificates acme, AppCerts certs, AppStateStore store, NapdConfig config, TimeProvider clock, ILogger<AutoRenewal> log)
{
    /// <summary>Let's Encrypt's advice for its 90-day certificates; the renewal timer runs twice a day at a random time, the jitter.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static DateTimeOffset RenewFrom(CertInfo info) => info.NotAfter - RenewBefore;

    /// <summary>Due: none yet, within <see cref="RenewBefore"/> of its end, or not naming every one of <paramref name="names"/>.</summary>
    public static bool IsDue(CertInfo? current, IReadOnlyList<string> names, DateTimeOffset now) =>
        current is null || now >= RenewFrom(current) || !names.All(current.Names.Contains);

    /// <param name="app">An app with automatic certificates, under its lock.</param>
    /// <returns>0 when renewed or not due yet; 1 after telling the client why it failed.</returns>
    public async Task<int> RenewAsync(AppState app, bool force, IReplyWriter reply, CancellationToken ct)
    {
        var names = AppAddress.Domains(config, app);
        var current = certs.Read(app.Name);
        if (names.Count == 0)
        {
            await reply.OutAsync($"{app.Name}: no domains, so no certificate to renew");
            return 0;
        }
        if (!force && current is not null && !IsDue(current, names, clock.GetUtcNow()))
        {
            await reply.OutAsync($"{app.Name}: the certificate is valid until {CertLines.Day(current.NotAfter)} and renews from {CertLines.Day(RenewFrom(current))} (certs:renew {app.Name} --force renews it now)");
            return 0;
        }

        var (issued, failure) = await acme.ObtainAsync(app, app, reply, ct);
        if (issued is null)
        {
            var failed = await store.UpdateAsync(app.Name, a => a.WithAutoCerts(a.AutoCerts?.WithFailure(failure!, clock.GetUtcNow())), CancellationToken.None);
            log.LogWarning("the certificate of {App} was not renewed: {Reason}", app.Name, failure);
            if (current is null)
                await reply.ProblemAsync($"{app.Name}: {failure}");
            else
                await CertLines.WarnAsync(reply, app.Name, current, clock.GetUtcNow(), failed.AutoCerts);
            return 1;
        }
        await store.UpdateAsync(app.Name, a => a.WithAutoCerts(a.AutoCerts?.WithoutFailure()), CancellationToken.None);
        await reply.StepAsync($"{app.Name}: certificate renewed, valid until {CertLines.Day(issued.NotAfter)} (sha256 {issued.Fingerprint})");
        return 0;
    }
}
