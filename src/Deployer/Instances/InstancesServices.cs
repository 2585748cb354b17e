using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

public static class InstancesServices
{
    /// <summary>What runs: instances started, checked, drained, stopped, scaled, stopped at the disk's floor; ps, ps:scale, logs, units, status, stop.</summary>
    public static IServiceCollection AddInstances(this IServiceCollection services) =>
        services.AddHostedService<DiskPressure>().AddFeature()
            .Singleton<InstanceRunner>().Singleton<Retirements>().Singleton<AppStopper>().Singleton<Scaler>()
            .Verb<StatusVerb>().Verb<PsVerb>().Verb<ScaleVerb>().Verb<LogsVerb>().Verb<UnitsVerb>().Verb<StopVerb>()
            .Services;
}
