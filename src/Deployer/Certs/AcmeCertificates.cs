using Microsoft.Extensions.Logging;
using Nap.Deployer.Acme;
using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>
/// A certificate from the host's ACME server for every name of an app, installed through the same checked switch as
/// certs:add (<see cref="CertsChange"/>): nginx answers the challenges, lego gets the certificate, napd checks it as it
/// checks a bundle, then the app's site names it (nginx -t, reload). Anything short of that leaves what served before.
/// </summary>
public sealed class AcmeCertificates(
    Lego lego, CertsChange change, AppSites sites, NginxFrontDoor nginx, NapdConfig config, TimeProvider clock, ILogger<AcmeCertificates> log)
{
    /// <param name="before">The app as it serves now: its site comes back when no certificate does.</param>
    /// <param name="app">The app as it is to serve: automatic certificates on, with the names to certify.</param>
    /// <returns>The certificate now served, or the one-line reason there is none (told to no one yet).</returns>
    public async Task<(CertInfo? Issued, string? Failure)> ObtainAsync(AppState before, AppState app, IReplyWriter reply, CancellationToken ct)
    {
        var names = AppAddress.Domains(config, app);
        if (names.Count == 0)
            return (null, $"no domain to certify: add one with domains:add {app.Name} DOMAIN (its DNS pointing at this host)");
        if ((app.AutoCerts?.Email ?? config.Acme.Email) is not { } email)
            return (null, $"the ACME account needs an email address: certs:auto {app.Name} --email you@example.com, or acmeEmail in /etc/nap/napd.json");
        if (sites.Current(app) is not { } site)
            return (null, "the app does not serve yet, so nginx cannot answer the ACME challenge: push it first");

        var installed = false;
        try
        {
            await nginx.ApplyAsync(site, ct);
            await reply.StepAsync($"{app.Name}: asking {config.Acme.Directory} for a certificate for {string.Join(' ', names)}");
            var issued = await lego.ObtainAsync(names, email, ct);
            var bundle = CertBundle.Parse(issued.Bundle, clock.GetUtcNow());
            var refusal = await change.SaveAsync(app, bundle, ct);
            installed = refusal is null;
            return installed ? (bundle.Info, null) : (null, refusal);
        }
        catch (NginxException e)
        {
            return (null, e.Message);
        }
        catch (AcmeException e)
        {
            log.LogWarning("no certificate for {App} ({Names}): {Reason}\n{Output}", app.Name, string.Join(' ', names), e.Message, e.Output);
            return (null, $"no certificate for {string.Join(' ', names)} from {config.Acme.Directory}: {e.Message}{Hint(e.Problem)}");
        }
        catch (CertBundleException e)
        {
            return (null, $"the certificate from {config.Acme.Directory} cannot serve: {e.Message}");
        }
        finally
        {
            if (!installed)
                await RestoreAsync(before);
        }
    }

    /// <summary>What to do about the CA's answer, for the problems a user can act on (RFC 8555 §6.7).</summary>
    static string Hint(string? problem) => problem switch
    {
        "connection" or "dns" or "unauthorized" or "incorrectResponse" =>
            " (each name's DNS must point at this host, and port 80 reach nginx here)",
        "caa" => " (a CAA record of the domain allows another CA only)",
        "rateLimited" => " (the CA's rate limit: try again later)",
        "rejectedIdentifier" => " (the CA does not issue for this name)",
        _ => "",
    };

    async Task RestoreAsync(AppState before)
    {
        try
        {
            if (sites.Current(before) is { } site)
                await nginx.ApplyAsync(site, CancellationToken.None);
        }
        catch (NginxException e)
        {
            // The challenge location stays: harmless, and the next change of the app writes the site again.
            log.LogWarning("{App}: nginx refused the site as it was before the ACME attempt: {Reason}", before.Name, e.Message);
        }
    }
}
