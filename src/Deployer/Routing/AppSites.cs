using System.Net;
using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Routing;

/// <summary>
/// An app's nginx site, built in this one place for every switch, scale, recovery, domain and certificate change:
/// its stable port, the instances that serve, its domains, its certificate when it has one, and with automatic
/// certificates the ACME challenge path and the redirect to https, so no change can drop what another one set.
/// </summary>
public sealed class AppSites(NapdConfig config, NapPaths paths)
{
    /// <summary>The site as it serves now (the current release's instances, or on a cluster its tasks); null before the app's first deploy.</summary>
    public NginxSite? Current(AppState app) =>
        app.AppPort is not { } port ? null
        : app.Current?.Tasks is { Count: > 0 } tasks ? Site(app, port, []).WithTasks([.. tasks.Select(IPEndPoint.Parse)])
        : app.Current?.Ports is { Count: > 0 } upstreams ? Site(app, port, upstreams)
        : null;

    /// <summary>The site on <paramref name="appPort"/> with <paramref name="upstreams"/> serving.</summary>
    public NginxSite Site(AppState app, int appPort, IEnumerable<int> upstreams) =>
        new NginxSite(app.Name, appPort, [.. upstreams])
            .WithDomains(AppAddress.Domains(config, app))
            .WithBodyLimit(app.RequestBodyLimit ?? $"{config.Limits.RequestBodyMegabytes}m")
            .WithTls(NginxTls.FromFiles(paths.TlsChain(app.Name), paths.TlsKey(app.Name)))
            // An app with automatic certificates answers the ACME server's challenges for every domain, any time:
            // a renewal or a new domain needs no other rewrite first.
            .WithAcmeChallenge(app.AutoCerts is null ? null : paths.AcmeWebroot)
            .WithRedirectToHttps(app.AutoCerts?.Redirect == true)
            .WithHooksSocket(paths.HooksSocket);
}
