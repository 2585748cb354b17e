using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;

namespace Nap.Deployer.Server;

/// <summary>
/// systemd's notification socket is napd's alone. Its children (git, journalctl, nginx -t) would inherit
/// NOTIFY_SOCKET, and systemd logs "reception only permitted for main PID" for every message one of them
/// sends. The notifier keeps the path it read; the environment, which children copy, loses it.
/// </summary>
public static class NotifySocket
{
    const string Variable = "NOTIFY_SOCKET";

    /// <summary>Call after AddSystemd: the notifier registered here, holding the path, is the one the lifetime uses.</summary>
    public static IServiceCollection KeepForNapd(this IServiceCollection services)
    {
        var notifier = new SystemdNotifier();
        services.AddSingleton<ISystemdNotifier>(notifier);
        Environment.SetEnvironmentVariable(Variable, null);
        return services;
    }
}
