using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

public static class ClusterServices
{
    /// <summary>Releases as Swarm services when the engine is a manager with a registry: the mode, the services, the front door to their tasks, and the follower.</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<TaskFollower>());
        return services.AddFeature()
            .Singleton<ClusterMode>().Singleton<ServiceRunner>().Singleton<ClusterFrontDoor>().Singleton<TaskFollower>().Singleton<ClusterScaler>().Singleton<ServiceView>()
            .Services;
    }
}
