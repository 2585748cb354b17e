using System.Globalization;

namespace Nap.Deployer.Apps;

/// <summary>
/// The names UnitGen gives an app's units and containers (nap-APP-build, nap-APP@N, nap-APP-N).
/// A release's first instance keeps the plain names; instance K of a scaled app is N.K (nap-APP@N.K,
/// container nap-APP-N.K): '.' is in no app name, so app hello's 3.2 never meets app hello-3's release 2.
/// </summary>
public static class ReleaseNames
{
    public static string BuildUnit(string app) => $"nap-{app}-build.service";

    public static string Template(string app) => $"nap-{app}@.service";

    public static string Instance(string app, int release, int index = 1) => $"nap-{app}@{Id(release, index)}.service";

    public static string Container(string app, int release, int index = 1) => $"nap-{app}-{Id(release, index)}";

    /// <summary>The template's %i: "N" for the first instance, "N.K" for the others; also its directory under releases/.</summary>
    public static string Id(int release, int index = 1) =>
        index == 1 ? N(release) : $"{N(release)}.{N(index)}";

    /// <summary>The app's own docker network: its containers reach each other there, other apps' never.</summary>
    public static string Network(string app) => $"nap-{app}";

    public static string Short(string revision) => revision.Length > 7 ? revision[..7] : revision;

    static string N(int release) => release.ToString(CultureInfo.InvariantCulture);
}
