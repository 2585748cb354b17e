using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Routing;

public static class RoutingServices
{
    /// <summary>How the world reaches an app: its nginx site, port and domains; domains*.</summary>
    public static IServiceCollection AddRouting(this IServiceCollection services) =>
        services.AddFeature()
            .Singleton<AppSites>()
            .Verb<DomainsVerb>().Verb<DomainsAddVerb>().Verb<DomainsRemoveVerb>().Verb<NginxSetVerb>()
            .Services;
}
