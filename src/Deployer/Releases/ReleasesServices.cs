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
        services.AddSingleton<Retention>();
        services.AddSingleton<ReleaseFailures>();
        services.AddSingleton<Rollout>();
        services.AddSingleton<ReleaseFinish>();
        services.AddSingleton<ReleaseSwitch>();
        services.AddSingleton<InterruptedDeploys>();
        services.AddSingleton<DeployPipeline>();
        services.AddSingleton<Redeploy>();
        services.AddHostedService<StartupRecovery>();
        services.AddVerb<ReceiveVerb>();
        services.AddVerb<DeployVerb>();
        services.AddVerb<ReleasesVerb>();
        services.AddVerb<RollbackVerb>();
        services.AddVerb<RestartVerb>();
        services.AddVerb<StartVerb>();
        services.AddVerb<DestroyVerb>();
        return services;
    }
}
