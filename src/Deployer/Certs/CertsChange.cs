using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>
/// `certs:add`, `certs:remove` and every certificate from ACME: the app's certificate files and its nginx file
/// change together or not at all. The nginx file never names files that are gone: nginx -t of any app's change
/// reads every file. <paramref name="app"/> is the app as it is to serve (its domains, automatic or not).
/// </summary>
public sealed class CertsChange(AppCerts certs, AppSites sites, NginxFrontDoor nginx)
{
    /// <returns>false after telling the client why, with the previous certificate back in place.</returns>
    public async Task<bool> SaveAsync(IReplyWriter reply, AppState app, CertBundle bundle, CancellationToken ct)
    {
        var before = certs.Save(app.Name, bundle);
        try
        {
            // The site is built after the files changed, so it names the new certificate.
            if (await ApplyAsync(reply, sites.Current(app), ct))
                return true;
        }
        catch (OperationCanceledException)
        {
            certs.Restore(app.Name, before);
            throw;
        }
        certs.Restore(app.Name, before);
        return false;
    }

    /// <returns>false after telling the client why, with the certificate still served.</returns>
    public async Task<bool> RemoveAsync(IReplyWriter reply, AppState app, CancellationToken ct)
    {
        if (!await ApplyAsync(reply, sites.Current(app)?.WithTls(null), ct))
            return false;
        certs.Remove(app.Name);
        return true;
    }

    async Task<bool> ApplyAsync(IReplyWriter reply, NginxSite? site, CancellationToken ct)
    {
        try
        {
            if (site is not null)
                await nginx.ApplyAsync(site, ct);
            return true;
        }
        catch (NginxException e)
        {
            await reply.ProblemAsync(e.Message);
            return false;
        }
    }
}
