using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Unix;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Server;

public static class ServerServices
{
    /// <summary>napd's socket: who connects, one request each, dispatched to the verbs the features registered; `help`.</summary>
    public static IServiceCollection AddServer(this IServiceCollection services)
    {
        services.AddSingleton(UnixAccounts.System);
        services.AddSingleton(sp => PeerPolicy.ForHost(sp.GetRequiredService<UnixAccounts>()));
        services.AddHostedService<SocketServer>();
        return services.AddFeature()
            .Singleton<VerbDispatcher>().Singleton<Connection>().Singleton<SocketSetup>()
            .Verb<HelpVerb>()
            .Services;
    }
}
