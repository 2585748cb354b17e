using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

public static class AppsServices
{
    /// <summary>The apps' records and locks, the keys, who may touch what; `apps` and `access*`.</summary>
    public static IServiceCollection AddApps(this IServiceCollection services)
    {
        services.AddSingleton(sp => new KeyRing(sp.GetRequiredService<NapPaths>().AuthorizedKeys));
        return services.AddFeature()
            .Singleton<AppStateStore>().Singleton<AppLocks>().Singleton<AppGate>().Singleton<AppDoor>().Singleton<EnvironmentSlots>().Singleton<AccessGrants>()
            .Verb<AppsVerb>().Verb<AccessVerb>().Verb<AccessAddVerb>().Verb<AccessRemoveVerb>()
            .Services;
    }
}
