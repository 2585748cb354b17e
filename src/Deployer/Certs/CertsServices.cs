using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

public static class CertsServices
{
    /// <summary>The apps' own certificates, checked, stored and served; certs*.</summary>
    public static IServiceCollection AddCerts(this IServiceCollection services) =>
        services.AddFeature(
            singletons: [typeof(AppCerts), typeof(CertsChange)],
            verbs: [typeof(CertsVerb), typeof(CertsAddVerb), typeof(CertsRemoveVerb)]);
}
