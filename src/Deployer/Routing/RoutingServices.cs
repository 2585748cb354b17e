using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Routing;

public static class RoutingServices
{
    /// <summary>How the world reaches an app: its nginx site, port and domains; domains*.</summary>
    public static IServiceCollection AddRouting(this IServiceCollection services)
    {
        services.AddSingleton<AppSites>();
        services.AddSingleton<DomainsChange>();
        services.AddVerb<DomainsVerb>();
        services.AddVerb<DomainsAddVerb>();
        services.AddVerb<DomainsRemoveVerb>();
        return services;
    }
}
