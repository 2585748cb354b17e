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
        return services.AddFeature(
            singletons: [typeof(Retention), typeof(ReleaseFailures), typeof(Rollout), typeof(ReleaseFinish), typeof(ReleaseSwitch), typeof(InterruptedDeploys), typeof(DeployPipeline), typeof(Redeploy)],
            verbs: [typeof(ReceiveVerb), typeof(DeployVerb), typeof(ReleasesVerb), typeof(RollbackVerb), typeof(RestartVerb), typeof(StartVerb), typeof(DestroyVerb)]);
    }
}
