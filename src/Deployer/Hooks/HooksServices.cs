using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Hooks;

public static class HooksServices
{
    /// <summary>Deploys from a forge's webhook: the endpoint behind napd's hooks socket, the background deploys, the verbs.</summary>
    public static IServiceCollection AddHooks(this IServiceCollection services) =>
        services.AddHostedService<HooksNginx>().AddFeature()
            .Singleton<HooksServer>()
            .Singleton<HookStore>().Singleton<ForgeAddress>().Singleton<DeliveryLog>().Singleton<HookFetch>().Singleton<CommitStatus>()
            .Singleton<HookDeploys>().Singleton<HookReceiver>().Singleton<HookEndpoint>()
            .Verb<HooksAddVerb>().Verb<HooksVerb>().Verb<HooksRemoveVerb>().Verb<HooksDeliveriesVerb>()
            .Services
            .AddSingleton<IHookDeployQueue>(sp => sp.GetRequiredService<HookDeploys>())
            .AddHostedService(sp => sp.GetRequiredService<HooksServer>());
}
