using Nap.Deployer.Config;
using Nap.Deployer.Nginx;
using Nap.Deployer.State;

namespace Nap.Deployer.Deploys;

/// <summary>Where the world reaches an app: http://IP:APPPORT and its domains.</summary>
public static class AppAddress
{
    public static string? Url(NapdConfig config, AppState app) => app.AppPort is { } port ? config.Url(port) : null;

    /// <summary>The app's own domains, with APP.BASE_DOMAIN first when a base domain is configured.</summary>
    public static IReadOnlyList<string> Domains(NapdConfig config, AppState app) =>
        (config.BaseDomain is { } baseDomain ? [$"{app.Name}.{baseDomain}", .. app.Domains] : app.Domains).Distinct().ToArray();

    /// <summary>The app's nginx site as it serves now (its port, the current release's instances, domains); null before its first deploy.</summary>
    public static NginxSite? Site(NapdConfig config, AppState app) =>
        app.AppPort is { } port && app.Current?.Ports is { Count: > 0 } upstreams ? Site(config, app, port, upstreams) : null;

    /// <summary>The app's nginx site on <paramref name="appPort"/> with <paramref name="upstreams"/> serving: every switch, scale and recovery writes this.</summary>
    public static NginxSite Site(NapdConfig config, AppState app, int appPort, IEnumerable<int> upstreams) =>
        new NginxSite(app.Name, appPort, [.. upstreams]).WithDomains(Domains(config, app));

    /// <summary>Every port some app has recorded, app ports and release ports, except <paramref name="except"/>'s.</summary>
    public static IReadOnlySet<int> Recorded(IEnumerable<AppState> apps, string? except = null) =>
        apps.Where(a => a.Name != except)
            .SelectMany(a => a.Releases.Where(r => r.Number == a.CurrentRelease || r.Result == ReleaseResult.Pending)
                .SelectMany(r => r.Ports).Concat(a.AppPort is { } port ? [port] : []))
            .ToHashSet();
}
