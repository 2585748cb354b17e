using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Acme;
using Nap.Deployer.AppConfig;
using Nap.Deployer.Apps;
using Nap.Deployer.Builds;
using Nap.Deployer.Certs;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Environments;
using Nap.Deployer.Egress;
using Nap.Deployer.Health;
using Nap.Deployer.HostCheck;
using Nap.Deployer.Hooks;
using Nap.Deployer.Instances;
using Nap.Deployer.Nginx;
using Nap.Deployer.Ports;
using Nap.Deployer.Registry;
using Nap.Deployer.Releases;
using Nap.Deployer.Repos;
using Nap.Deployer.Routing;
using Nap.Deployer.Server;
using Nap.Deployer.Settings;
using Nap.Deployer.Steps;
using Nap.Deployer.Systemd;
using Nap.Protocol;

namespace Nap.Deployer;

/// <summary>
/// napd, put together: the host adapters, then each feature's own AddX. The features' namespaces depend on
/// each other one way only (Server → verbs → features → adapters; see docs/DESIGN.md), which a spec checks.
/// </summary>
public static class NapdServices
{
    public static IServiceCollection AddNapd(this IServiceCollection services, NapPaths paths, NapdConfig config)
    {
        services.AddSingleton(paths);
        services.AddSingleton(config);
        services.AddSingleton(TimeProvider.System);
        services.AddHostAdapters(paths, config);
        services.AddHostCheck();
        services.AddServer();
        services.AddApps();
        services.AddRepos();
        services.AddSteps();
        services.AddRegistry();
        services.AddBuilds();
        services.AddInstances();
        // By its class: ASP.NET Core has an AddRouting of its own.
        RoutingServices.AddRouting(services);
        services.AddCerts();
        services.AddAppConfig();
        services.AddReleases();
        services.AddHooks();
        services.AddEnvironments();
        services.AddCluster();
        return services;
    }

    /// <summary>What napd drives on the host: systemd over D-Bus, journald, docker, nginx, the ACME client, the kernel's ports, fetches for builds.</summary>
    static IServiceCollection AddHostAdapters(this IServiceCollection services, NapPaths paths, NapdConfig config)
    {
        services.AddSingleton<ISystemd>(_ => SystemdBus.ForHost());
        services.AddSingleton<IJournal, Journalctl>();
        services.AddSingleton(sp => new UnitFiles(config.SystemdDir, sp.GetRequiredService<ISystemd>()));
        services.AddSingleton<IDocker>(_ => DockerEngine.Connect());
        services.AddSingleton<DataRoot>();
        services.AddSingleton<ISwarm>(_ => DockerSwarm.Connect());
        services.AddSingleton(new PortAllocator(config.AppPorts, config.ReleasePorts));
        services.AddSingleton(new PublicFetch(config.AddPrivateHosts));
        services.AddSingleton(new NginxFrontDoor(NginxOptions.ForHost(config.NginxConfDir)));
        services.AddSingleton(new Lego(new AcmeOptions(config.Acme.Directory, config.Acme.CaBundle, paths.AcmeDir, paths.AcmeWebroot)));
        services.AddSingleton<HttpProbe>();
        services.AddSingleton<HealthChecker>();
        return services;
    }
}
