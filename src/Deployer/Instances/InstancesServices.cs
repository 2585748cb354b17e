using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

public static class InstancesServices
{
    /// <summary>What runs: instances started, checked, drained, stopped, scaled; ps, ps:scale, logs, units, status, stop.</summary>
    public static IServiceCollection AddInstances(this IServiceCollection services) =>
        services.AddFeature(
            singletons: [typeof(InstanceRunner), typeof(Retirements), typeof(AppStopper), typeof(Scaler)],
            verbs: [typeof(StatusVerb), typeof(PsVerb), typeof(ScaleVerb), typeof(LogsVerb), typeof(UnitsVerb), typeof(StopVerb)]);
}
