using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Registry;

public static class RegistryServices
{
    /// <summary>The registry `nap registry init` set up: pushes, pulls for rollbacks, retention in it, and `images`.</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services) =>
        services.AddFeature()
            .Singleton<RegistrySettings>().Singleton<RegistryApi>().Singleton<RegistryGate>().Singleton<RegistryTransfer>().Singleton<RegistryCleanup>()
            .Verb<ImagesVerb>()
            .Services;
}
