using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

public static class CertsServices
{
    /// <summary>The apps' own certificates, checked, stored and served; certs*.</summary>
    public static IServiceCollection AddCerts(this IServiceCollection services)
    {
        services.AddSingleton<AppCerts>();
        services.AddSingleton<CertsChange>();
        services.AddVerb<CertsVerb>();
        services.AddVerb<CertsAddVerb>();
        services.AddVerb<CertsRemoveVerb>();
        return services;
    }
}
