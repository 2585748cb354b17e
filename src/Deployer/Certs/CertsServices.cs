using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Routing;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

public static class CertsServices
{
    /// <summary>The apps' certificates, their owners' own or from ACME: checked, stored, served and renewed; certs*.</summary>
    public static IServiceCollection AddCerts(this IServiceCollection services) =>
        services
            .AddFeature(
                // CertsRenewVerb also as itself: the renewal timer's verb runs it for every app.
                singletons: [typeof(AppCerts), typeof(CertsChange), typeof(AcmeCertificates), typeof(AutoRenewal), typeof(AcmeDomains), typeof(CertsRenewVerb)],
                verbs: [typeof(CertsVerb), typeof(CertsAddVerb), typeof(CertsRemoveVerb), typeof(CertsAutoVerb), typeof(CertsRenewVerb), typeof(CertsRenewDueVerb)])
            .AddSingleton<IDomainCertificates>(sp => sp.GetRequiredService<AcmeDomains>());
}
