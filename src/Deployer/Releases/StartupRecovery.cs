using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Instances;

namespace Nap.Deployer.Releases;

/// <summary>
/// When napd starts, every app is put right from what a napd that died mid-deploy left (see
/// <see cref="InterruptedDeploys"/>), each under its lock, so a request for the app waits for it rather than
/// seeing two releases run or a status that is not true. Runs beside the socket: other apps answer at once.
/// </summary>
public sealed partial class StartupRecovery(AppStateStore store, AppLocks locks, InterruptedDeploys interrupted, InstanceRunner instances, ILogger<StartupRecovery> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var name in store.Names())
        {
            try
            {
                using var lease = await locks.AcquireAsync(name, "napd", AppLocks.DefaultWait, stoppingToken);
                if (lease is not null && await store.ReadAsync(name, stoppingToken) is { } app)
                    await interrupted.RecoverAsync(app);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One app that cannot be put right (its docker or nginx refuses) must not keep napd from serving the rest.
                LogRecoveryFailed(name, e.Message);
            }
        }
        await instances.ApplyEnablementAsync();
    }

    [LoggerMessage(LogLevel.Warning, "{App}: could not clear what an interrupted deploy left: {Error}")]
    partial void LogRecoveryFailed(string app, string error);
}
