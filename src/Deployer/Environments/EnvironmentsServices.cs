using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Environments;

public static class EnvironmentsServices
{
    /// <summary>An app's environments (slots APP.ENV): envs*, promote, review apps' expiry.</summary>
    public static IServiceCollection AddEnvironments(this IServiceCollection services)
    {
        services.AddSingleton<ReviewExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<ReviewExpiry>());
        return services.AddFeature()
            .Verb<EnvsVerb>().Verb<EnvsAddVerb>().Verb<EnvsRemoveVerb>().Verb<EnvsReviewVerb>().Verb<PromoteVerb>()
            .Services;
    }
}
