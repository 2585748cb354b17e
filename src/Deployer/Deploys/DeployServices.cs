using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nap.Deployer.Certs;
using Nap.Deployer.Config;
using Nap.Deployer.Deploys;
using Nap.Deployer.Deploys.Verbs;
using Nap.Deployer.Docker;
using Nap.Deployer.Health;
using Nap.Deployer.Nginx;
using Nap.Deployer.Ports;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer;

public static partial class NapdServices
{
    static partial void AddDeploys(IServiceCollection services)
    {
        services.AddSingleton<ISystemd>(new SystemctlCli());
        services.AddSingleton<IDocker>(_ => DockerEngine.Connect());
        services.AddSingleton(sp => new PortAllocator(sp.GetRequiredService<NapdConfig>().AppPorts, sp.GetRequiredService<NapdConfig>().ReleasePorts));
        services.AddSingleton<AppCerts>();
        services.AddSingleton<CertsChange>();
        services.AddSingleton(sp => new NginxFrontDoor(NginxOptions.ForHost(sp.GetRequiredService<NapdConfig>().NginxConfDir), sp.GetRequiredService<AppCerts>()));
        services.AddSingleton<HttpProbe>();
        services.AddSingleton<HealthChecker>();
        services.AddSingleton<AppEnvStore>();
        services.AddSingleton<UnitWriter>();
        services.AddSingleton<BuildLog>();
        services.AddSingleton<Builder>();
        HostCheck.HostCheckServices.AddHostCheck(services);
        services.AddSingleton<Retention>();
        services.AddSingleton<InstanceRunner>();
        services.AddSingleton<ReleaseSwitch>();
        services.AddSingleton<Scaler>();
        services.AddSingleton<InterruptedDeploys>();
        services.AddSingleton<DeployPipeline>();
        services.AddHostedService<StartupRecovery>();
        services.AddSingleton<LandingRefs>();
        services.AddSingleton<AppDoor>();
        services.AddSingleton<Redeploy>();
        services.AddSingleton<ConfigRelease>();
        services.AddSingleton<DomainsChange>();

        services.AddVerb<ReceiveVerb>();
        services.AddVerb<DeployVerb>();
        services.AddVerb<StatusVerb>();
        services.AddVerb<LogsVerb>();
        services.AddVerb<UnitsVerb>();
        services.AddVerb<ReleasesVerb>();
        services.AddVerb<RollbackVerb>();
        services.AddVerb<ConfigVerb>();
        services.AddVerb<ConfigSetVerb>();
        services.AddVerb<ConfigUnsetVerb>();
        services.AddVerb<ConfigSecretVerb>();
        services.AddVerb<StartVerb>();
        services.AddVerb<StopVerb>();
        services.AddVerb<RestartVerb>();
        services.AddVerb<ResourcesSetVerb>();
        services.AddVerb<PsVerb>();
        services.AddVerb<ScaleVerb>();
        services.AddVerb<DomainsVerb>();
        services.AddVerb<DomainsAddVerb>();
        services.AddVerb<DomainsRemoveVerb>();
        services.AddVerb<CertsVerb>();
        services.AddVerb<CertsAddVerb>();
        services.AddVerb<CertsRemoveVerb>();
        services.AddVerb<DestroyVerb>();
    }
}
