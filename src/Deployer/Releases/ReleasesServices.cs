using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

public static class ReleasesServices
{
    /// <summary>
    /// Releases going live, rolled back, retained and recovered after a crash; the push's `receive`, deploy,
    /// releases, rollback, restart, start and destroy.
    /// </summary>
    public static IServiceCollection AddReleases(this IServiceCollection services)
    {
        services.AddHostedService<StartupRecovery>();
        return services.AddFeature()
            .Singleton<Retention>().Singleton<ReleaseFailures>().Singleton<Rollout>().Singleton<ReleaseFinish>()
            .Singleton<ReleaseSwitch>().Singleton<ClusterSwitch>().Singleton<InterruptedDeploys>().Singleton<DeployPipeline>().Singleton<Redeploy>().Singleton<PromotionPush>().Singleton<AppRemoval>()
            .Verb<ReceiveVerb>().Verb<DeployVerb>().Verb<ReleasesVerb>().Verb<RollbackVerb>()
            .Verb<RestartVerb>().Verb<StartVerb>().Verb<DestroyVerb>()
            .Services;
    }
}
