using Microsoft.Extensions.Hosting;

namespace Nap.Deployer.HostCheck;

/// <summary>
/// napd checks the host when it starts and serves either way: status, logs, rollback's bookkeeping and the running
/// apps do not need the docker CLI, and a napd that refused to start would hide exactly those from the admin
/// (and restart in a loop). Pushes fail early instead, with the same line (<see cref="DockerHostCheck.ProblemAsync"/>).
/// </summary>
public sealed class HostCheckAtStart(DockerHostCheck check) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await check.CheckAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // napd stopped first.
        }
    }
}
