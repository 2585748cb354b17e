using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Nap.Deployer.HostCheck;

/// <summary>
/// Says what the host check found when it changes: a journal line, and systemd's STATUS=, which
/// `systemctl status napd` shows on its own line however many requests were logged since.
/// </summary>
public sealed partial class HostCheckReport(ILogger<HostCheckReport> log, ISystemdNotifier? systemd = null)
{
    public void Changed(HostReadiness readiness)
    {
        if (readiness.Problem is { } problem)
            LogCannotBuild(problem);
        else
            LogReady(readiness.Summary);
        if (systemd is { IsEnabled: true })
            systemd.Notify(new ServiceState("STATUS=" + readiness.Summary));
    }

    [LoggerMessage(LogLevel.Error, "{Problem}")]
    partial void LogCannotBuild(string problem);

    [LoggerMessage(LogLevel.Information, "host check: {Summary}")]
    partial void LogReady(string summary);
}
