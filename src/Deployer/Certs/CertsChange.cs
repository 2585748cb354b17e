using Nap.Deployer.Config;
using Nap.Deployer.Deploys;
using Nap.Deployer.Nginx;
using Nap.Deployer.State;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>
/// `certs:add` and `certs:remove`: the app's certificate files and its nginx file change together or not
/// at all. The nginx file never names files that are gone: nginx -t of any app's change reads every file.
/// </summary>
public sealed class CertsChange(AppCerts certs, NginxFrontDoor nginx, NapdConfig config)
{
    /// <returns>false after telling the client why, with the previous certificate back in place.</returns>
    public async Task<bool> SaveAsync(VerbContext context, AppState app, CertBundle bundle, CancellationToken ct)
    {
        var before = certs.Save(app.Name, bundle);
        try
        {
            if (await ApplyAsync(context, app, withCertificate: true, ct))
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
    public async Task<bool> RemoveAsync(VerbContext context, AppState app, CancellationToken ct)
    {
        if (!await ApplyAsync(context, app, withCertificate: false, ct))
            return false;
        certs.Remove(app.Name);
        return true;
    }

    async Task<bool> ApplyAsync(VerbContext context, AppState app, bool withCertificate, CancellationToken ct)
    {
        try
        {
            // The front door adds the stored certificate itself (NginxFrontDoor); only its removal is asked for.
            if (AppAddress.Site(config, app) is { } site)
                await (withCertificate ? nginx.ApplyAsync(site, ct) : nginx.ApplyWithoutCertificateAsync(site, ct));
            return true;
        }
        catch (NginxException e)
        {
            await context.Reply.ErrAsync($" !     {e.Message}");
            return false;
        }
    }
}
