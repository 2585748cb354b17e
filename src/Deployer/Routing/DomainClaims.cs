using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Routing;

/// <summary>Whose a domain is among nap's apps, and which names are kept for apps that may come.</summary>
public static class DomainClaims
{
    /// <summary>
    /// Why <paramref name="app"/> may not take <paramref name="domain"/>: APP.BASE_DOMAIN is the default name of app
    /// APP (made or not yet), so no other app may squat it.
    /// </summary>
    public static string? ReservedFor(NapdConfig config, string app, string domain)
    {
        if (config.BaseDomain is not { } baseDomain || !domain.EndsWith("." + baseDomain, StringComparison.Ordinal))
            return null;
        var label = domain[..^(baseDomain.Length + 1)];
        var host = AppSlot.Host(app);
        if (label == host)
            return null;
        if (AppName.Validate(label) is null)
            return $"{domain} is the name of app {label} ({label}.{baseDomain} is kept for it): choose a name that is no app's, e.g. www.{host}.{baseDomain}";
        // ENV.APP.BASE is environment ENV of app APP (made or not yet): kept for APP's environments as APP.BASE is for APP.
        var dot = label.IndexOf('.');
        return dot > 0 && label[(dot + 1)..] is var owner && owner != AppSlot.AppOf(app) && AppName.Validate(owner) is null && EnvName.Validate(label[..dot]) is null
            ? $"{domain} is the name of environment {label[..dot]} of app {label[(dot + 1)..]} (kept for it): choose a name that is no app's, e.g. www.{host}.{baseDomain}"
            : null;
    }

    /// <summary>The first of <paramref name="domains"/> that another app serves, and that app; state where two apps share one never throws.</summary>
    public static (string Domain, string App)? Owner(IEnumerable<AppState> apps, NapdConfig config, string app, IEnumerable<string> domains)
    {
        var others = apps.Where(a => a.Name != app)
            .SelectMany(a => AppAddress.Domains(config, a).Select(d => (Domain: d, App: a.Name)))
            .GroupBy(x => x.Domain).ToDictionary(g => g.Key, g => g.First().App);
        return domains.FirstOrDefault(others.ContainsKey) is { } taken ? (taken, others[taken]) : null;
    }
}
