using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Nap.Deployer.Verbs;

public static class VerbRegistration
{
    /// <summary>
    /// Makes napd serve <typeparamref name="T"/>'s verb. One handler per verb, and one instance: the handler is also
    /// <typeparamref name="T"/> itself, for a verb that runs another (the renewal timer's runs certs:renew per app).
    /// </summary>
    public static IServiceCollection AddVerb<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IVerbHandler =>
        services.AddSingleton<T>().AddSingleton<IVerbHandler>(sp => sp.GetRequiredService<T>());

    /// <summary>A feature's manifest: its services (one instance each) and the verbs it serves.</summary>
    public static FeatureManifest AddFeature(this IServiceCollection services) => new(services);
}

/// <summary>
/// One type argument per service, not a list of Types: napd is compiled ahead of time and trimmed, and only a
/// type argument tells the compiler which constructors dependency injection will call.
/// </summary>
public readonly record struct FeatureManifest(IServiceCollection Services)
{
    public FeatureManifest Singleton<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>()
        where T : class
    {
        Services.AddSingleton<T>();
        return this;
    }

    public FeatureManifest Verb<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>()
        where T : class, IVerbHandler
    {
        Services.AddVerb<T>();
        return this;
    }
}
