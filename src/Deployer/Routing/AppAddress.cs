using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Routing;

/// <summary>Where the world reaches an app: http://IP:APPPORT and its domains.</summary>
public static class AppAddress
{
    public static string? Url(NapdConfig config, AppState app) => app.AppPort is { } port ? config.Url(port) : null;

    /// <summary>The app's own domains, with APP.BASE_DOMAIN (ENV.APP.BASE_DOMAIN for an environment) first when a base domain is configured.</summary>
    public static IReadOnlyList<string> Domains(NapdConfig config, AppState app) =>
        (config.BaseDomain is { } baseDomain ? [$"{AppSlot.Host(app.Name)}.{baseDomain}", .. app.Domains] : app.Domains).Distinct().ToArray();

    /// <summary>Where a person opens it: http://ENV.APP.BASE/ when a base domain is set, else http://IP:APPPORT.</summary>
    public static string? Address(NapdConfig config, AppState app) =>
        config.BaseDomain is { } baseDomain && app.AppPort is not null ? $"http://{AppSlot.Host(app.Name)}.{baseDomain}/" : Url(config, app);

    /// <summary>Every port some app has recorded, app ports and release ports, except <paramref name="except"/>'s.</summary>
    public static IReadOnlySet<int> Recorded(IEnumerable<AppState> apps, string? except = null) =>
        apps.Where(a => a.Name != except)
            .SelectMany(a => a.Releases.Where(r => r.Number == a.CurrentRelease || r.Result == ReleaseResult.Pending)
                .SelectMany(r => r.Ports).Concat(a.AppPort is { } port ? [port] : []))
            .ToHashSet();
}
