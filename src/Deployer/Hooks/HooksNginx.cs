using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Nginx;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// On napd's start, nginx's server for http://ADDRESS/nap/hooks/ (conf.d/nap-0-hooks.conf), written by napd
/// itself so install.sh and the Debian package get the same file, for the address napd.json names. Apps' domains
/// carry the same location in their own files (AppSites).
/// </summary>
public sealed partial class HooksNginx(NginxFrontDoor nginx, NapdConfig config, NapPaths paths, ILogger<HooksNginx> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await nginx.EnsureHooksServerAsync(config.PublicAddress, paths.HooksSocket, cancellationToken);
        }
        catch (Exception e) when (e is NginxException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // napd serves its socket without it; only webhooks on the host's address wait for nginx.
            LogNoServer(e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "nginx does not pass webhooks to napd yet: {Reason}")]
    partial void LogNoServer(string reason);
}
