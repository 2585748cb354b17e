using Nap.UnitGen.Model;

namespace Nap.Deployer.Cluster;

/// <summary>What a release runs on the cluster: the app (slot), its number and revision, the image's Dockerfile and its registry name.</summary>
/// <param name="RemoteImage">REGISTRY/APP:DATED_TAG: what every node pulls.</param>
public sealed record ClusterRelease(string App, int Number, string Revision, ImageConfig Config, string RemoteImage, int Replicas)
{
    public string Service => ServiceNames.Service(App, Number);

    public bool HasHealthCheck => Config.HealthCheck is { IsDisabled: false };
}
