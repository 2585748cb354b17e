using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

public static class CertsServices
{
    /// <summary>The apps' own certificates, checked, stored and served; certs*.</summary>
    public static IServiceCollection AddCerts(this IServiceCollection services) =>
        services.AddFeature()
            .Singleton<AppCerts>().Singleton<CertsChange>()
            .Verb<CertsVerb>().Verb<CertsAddVerb>().Verb<CertsRemoveVerb>()
            .Services;
}
