using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

public static class AppConfigServices
{
    /// <summary>An app's environment, secrets and limits, each change kept only by a healthy release; config*, resources:set.</summary>
    public static IServiceCollection AddAppConfig(this IServiceCollection services) =>
        services.AddFeature()
            .Singleton<AppEnvStore>().Singleton<ConfigRelease>()
            .Verb<ConfigVerb>().Verb<ConfigSetVerb>().Verb<ConfigUnsetVerb>().Verb<ConfigSecretVerb>().Verb<ResourcesSetVerb>()
            .Services;
}
