using System.Globalization;

namespace Nap.Deployer.Deploys;

/// <summary>The names UnitGen gives an app's units and containers (nap-APP-build, nap-APP@N, nap-APP-N).</summary>
public static class ReleaseNames
{
    public static string BuildUnit(string app) => $"nap-{app}-build.service";

    public static string Template(string app) => $"nap-{app}@.service";

    public static string Instance(string app, int release) => $"nap-{app}@{N(release)}.service";

    public static string Container(string app, int release) => $"nap-{app}-{N(release)}";

    public static string Short(string revision) => revision.Length > 7 ? revision[..7] : revision;

    static string N(int release) => release.ToString(CultureInfo.InvariantCulture);
}
