using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

public static class AppConfigServices
{
    /// <summary>An app's environment, secrets and limits, each change kept only by a healthy release; config*, resources:set.</summary>
    public static IServiceCollection AddAppConfig(this IServiceCollection services)
    {
        services.AddSingleton<AppEnvStore>();
        services.AddSingleton<ConfigRelease>();
        services.AddVerb<ConfigVerb>();
        services.AddVerb<ConfigSetVerb>();
        services.AddVerb<ConfigUnsetVerb>();
        services.AddVerb<ConfigSecretVerb>();
        services.AddVerb<ResourcesSetVerb>();
        return services;
    }
}
