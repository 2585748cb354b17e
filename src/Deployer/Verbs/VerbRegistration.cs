using Microsoft.Extensions.DependencyInjection;

namespace Nap.Deployer.Verbs;

public static class VerbRegistration
{
    /// <summary>Makes napd serve <typeparamref name="T"/>'s verb. One handler per verb.</summary>
    public static IServiceCollection AddVerb<T>(this IServiceCollection services) where T : class, IVerbHandler =>
        services.AddSingleton<IVerbHandler, T>();

    /// <summary>A feature's manifest: its services (one instance each) and the verbs it serves.</summary>
    public static IServiceCollection AddFeature(this IServiceCollection services, Type[] singletons, Type[] verbs)
    {
        foreach (var type in singletons)
            services.AddSingleton(type);
        foreach (var verb in verbs)
            services.AddSingleton(typeof(IVerbHandler), verb.IsAssignableTo(typeof(IVerbHandler)) ? verb : throw new ArgumentException($"{verb} serves no verb", nameof(verbs)));
        return services;
    }
}
