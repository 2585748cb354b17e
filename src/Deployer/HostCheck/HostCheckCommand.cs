using Microsoft.Extensions.Logging.Abstractions;

namespace Nap.Deployer.HostCheck;

/// <summary>
/// `napd --check-host`: install.sh's check after it installed docker, with napd's own knowledge of its units.
/// Prints what the host has and exits 0, or prints the one-line problem on stderr and exits 1.
/// </summary>
public static class HostCheckCommand
{
    public const string Flag = "--check-host";

    public static async Task<int> RunAsync()
    {
        var readiness = await new DockerHostCheck(new HostCheckReport(NullLogger<HostCheckReport>.Instance)).CheckAsync(CancellationToken.None);
        if (readiness.Problem is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 1;
        }
        await Console.Out.WriteLineAsync(readiness.Summary);
        return 0;
    }
}
