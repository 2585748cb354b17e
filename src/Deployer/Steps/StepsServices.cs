using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Steps;

public static class StepsServices
{
    /// <summary>app.json's pipeline steps, checked before a build and run around a release's switch; no verb of its own.</summary>
    public static IServiceCollection AddSteps(this IServiceCollection services) =>
        services.AddFeature().Singleton<StepRunner>().Services;
}
