namespace Nap.Deployer.Cluster;

/// <summary>The engine's names of an app's cluster parts.</summary>
public static class ServiceNames
{
    /// <summary>
    /// nap-APP-N for release N; an environment's APP.ENV is written APP_ENV, since a service name has no dot ('_' is in
    /// no app name, so no two slots share one).
    /// </summary>
    public static string Service(string slot, int release) => $"nap-{slot.Replace('.', '_')}-{release}";

    /// <summary>
    /// The app's overlay, nap-APP_overlay: on the manager nap-APP is already the app's bridge (its pipeline steps run
    /// there), and two networks of one name make the engine refuse the name. '_' is in no app name, so it is no other app's.
    /// An environment's is nap-APP_ENV_overlay: the engine takes no dot in an overlay's name ("must be valid as a DNS name component").
    /// </summary>
    public static string Network(string slot) => $"nap-{slot.Replace('.', '_')}_overlay";
}
