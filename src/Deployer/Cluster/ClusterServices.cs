using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

public static class ClusterServices
{
    /// <summary>The Swarm cluster this host manages: making it a manager, the join command, the nodes and their verbs (admin keys).</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services) =>
        services.AddFeature().Singleton<ClusterJoin>()
            .Verb<ClusterInitVerb>().Verb<NodesVerb>().Verb<NodesLabelVerb>().Verb<NodesRemoveVerb>().Verb<NodesJoinCommandVerb>()
            .Services;
}
