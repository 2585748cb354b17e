using Microsoft.Extensions.DependencyInjection;

namespace Nap.Deployer.Verbs;

public static class VerbRegistration
{
    /// <summary>Makes napd serve <typeparamref name="T"/>'s verb. One handler per verb.</summary>
    public static IServiceCollection AddVerb<T>(this IServiceCollection services) where T : class, IVerbHandler =>
        services.AddSingleton<IVerbHandler, T>();
}
