using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

public static class AppConfigServices
{
    /// <summary>An app's environment, secrets and limits, each change kept only by a healthy release; config*, resources:set.</summary>
    public static IServiceCollection AddAppConfig(this IServiceCollection services) =>
        services.AddFeature(
            singletons: [typeof(AppEnvStore), typeof(ConfigRelease)],
            verbs: [typeof(ConfigVerb), typeof(ConfigSetVerb), typeof(ConfigUnsetVerb), typeof(ConfigSecretVerb), typeof(ResourcesSetVerb)]);
}
