using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

public static class ClusterServices
{
    /// <summary>
    /// The Swarm cluster this host manages: making it a manager, the join command, the nodes and their verbs (admin keys);
    /// and releases as Swarm services when the engine is a manager with a registry: the mode, the services, the front
    /// door to their tasks, scaling, and the follower.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<TaskFollower>());
        return services.AddFeature().Singleton<ClusterJoin>()
            .Singleton<ClusterMode>().Singleton<ServiceRunner>().Singleton<ClusterFrontDoor>().Singleton<TaskFollower>().Singleton<ClusterScaler>().Singleton<ServiceView>().Singleton<ServiceLogs>()
            .Verb<ClusterInitVerb>().Verb<NodesVerb>().Verb<NodesLabelVerb>().Verb<NodesRemoveVerb>().Verb<NodesJoinCommandVerb>()
            .Services;
    }
}
