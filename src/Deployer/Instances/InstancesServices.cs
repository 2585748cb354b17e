using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

public static class InstancesServices
{
    /// <summary>What runs: instances started, checked, drained, stopped, scaled; ps, ps:scale, logs, units, status, stop.</summary>
    public static IServiceCollection AddInstances(this IServiceCollection services)
    {
        services.AddSingleton<InstanceRunner>();
        services.AddSingleton<Retirements>();
        services.AddSingleton<AppStopper>();
        services.AddSingleton<Scaler>();
        services.AddVerb<StatusVerb>();
        services.AddVerb<PsVerb>();
        services.AddVerb<ScaleVerb>();
        services.AddVerb<LogsVerb>();
        services.AddVerb<UnitsVerb>();
        services.AddVerb<StopVerb>();
        return services;
    }
}
