using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Steps;

public static class StepsServices
{
    /// <summary>app.json's pipeline steps, checked before a build and run around a release's switch; the stored pipelines and their verbs.</summary>
    public static IServiceCollection AddSteps(this IServiceCollection services) =>
        services.AddFeature().Singleton<StepRunner>().Singleton<PipelineStore>()
            .Verb<StepsVerb>().Verb<StepsShowVerb>().Verb<StepsSetVerb>().Verb<StepsRemoveVerb>()
            .Services;
}
