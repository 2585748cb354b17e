using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;

namespace Nap.Deployer.Certs;

/// <summary>
/// `certs:add`, `certs:remove` and every certificate from ACME: the app's certificate files and its nginx file
/// change together or not at all. The nginx file never names files that are gone: nginx -t of any app's change
/// reads every file. The app passed in is the app as it is to serve (its domains, automatic certificates or not).
/// </summary>
public sealed class CertsChange(AppCerts certs, AppSites sites, NginxFrontDoor nginx)
{
    /// <returns>null when nginx serves it; else nginx's reason in one line, with the previous certificate back in place.</returns>
    public async Task<string?> SaveAsync(AppState app, CertBundle bundle, CancellationToken ct)
    {
        var before = certs.Save(app.Name, bundle);
        string? refusal;
        try
        {
            // The site is built after the files changed, so it names the new certificate.
            refusal = await ApplyAsync(sites.Current(app), ct);
        }
        catch (OperationCanceledException)
        {
            certs.Restore(app.Name, before);
            throw;
        }
        if (refusal is not null)
            certs.Restore(app.Name, before);
        return refusal;
    }

    /// <returns>null once the https server is gone and the files with it; else nginx's reason, with the certificate still served.</returns>
    public async Task<string?> RemoveAsync(AppState app, CancellationToken ct)
    {
        if (await ApplyAsync(sites.Current(app)?.WithTls(null), ct) is { } refusal)
            return refusal;
        certs.Remove(app.Name);
        return null;
    }

    async Task<string?> ApplyAsync(NginxSite? site, CancellationToken ct)
    {
        try
        {
            if (site is not null)
                await nginx.ApplyAsync(site, ct);
            return null;
        }
        catch (NginxException e)
        {
            return e.Message;
        }
    }
}
