using Nap.Deployer.Config;
using Nap.Deployer.Deploys;
using Nap.Deployer.Deploys.Verbs;
using Nap.Deployer.Nginx;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>`certs:remove APP`: nginx stops serving https for the app, then the certificate is deleted.</summary>
public sealed class CertsRemoveVerb(AppDoor door, AppCerts certs, NginxFrontDoor nginx, NapdConfig config) : IVerbHandler
{
    public string Verb => "certs:remove";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        var app = locked.App;
        if (certs.Read(app.Name) is null)
        {
            await context.Reply.ErrAsync($"{app.Name} has no certificate to remove (see 'certs {app.Name}')");
            return 1;
        }

        var before = certs.Remove(app.Name);
        try
        {
            if (AppAddress.Site(config, app) is { } site)
                await nginx.ApplyAsync(site, ct);
        }
        catch (Exception e) when (e is NginxException or OperationCanceledException)
        {
            certs.Restore(app.Name, before);
            if (e is OperationCanceledException)
                throw;
            await context.Reply.ErrAsync($" !     {e.Message}");
            return 1;
        }
        await context.Reply.OutAsync($"-----> {app.Name}: certificate removed; its domains are served over http only");
        return 0;
    }
}
