using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Routing;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

public static class CertsServices
{
    /// <summary>The apps' certificates, their owners' own or from ACME: checked, stored, served and renewed; certs*.</summary>
    public static IServiceCollection AddCerts(this IServiceCollection services) =>
        services.AddFeature()
            .Singleton<AppCerts>().Singleton<CertsChange>().Singleton<AcmeCertificates>().Singleton<AutoRenewal>().Singleton<AcmeDomains>()
            .Verb<CertsVerb>().Verb<CertsAddVerb>().Verb<CertsRemoveVerb>()
            .Verb<CertsAutoVerb>().Verb<CertsRenewVerb>().Verb<CertsRenewDueVerb>()
            .Services
            .AddSingleton<IDomainCertificates>(sp => sp.GetRequiredService<AcmeDomains>());
}
