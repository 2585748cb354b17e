using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Systemd;

namespace Nap.Deployer.HostCheck;

public static class HostCheckServices
{
    public static IServiceCollection AddHostCheck(this IServiceCollection services)
    {
        // AddSystemd registers the notifier only under systemd; outside it this one is disabled and says nothing.
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddSingleton<HostCheckReport>();
        services.AddSingleton(sp => new DockerHostCheck(sp.GetRequiredService<HostCheckReport>()));
        services.AddHostedService<HostCheckAtStart>();
        return services;
    }
}
