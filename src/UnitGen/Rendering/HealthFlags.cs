using Nap.UnitGen.Model;
using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// Mirrors HEALTHCHECK so `systemctl cat` shows it; docker fills what is left out from the
/// image. docker run takes only a shell string, so an exec-form test is left to the image
/// rather than rewritten into a shell command the image may not have. --health-start-interval
/// is left out too: Debian's docker 20.10 does not know the flag.
/// </summary>
static class HealthFlags
{
    public static IEnumerable<ExecArg> For(UnitPlan plan) => plan.Image.HealthCheck switch
    {
        null => [],
        { IsDisabled: true } => ["--no-healthcheck"],
        var check => Flags(check),
    };

    static IEnumerable<ExecArg> Flags(HealthCheck check)
    {
        if (check.Test is ["CMD-SHELL", var shell])
            yield return $"--health-cmd={shell}";
        if (check.Interval is { } interval)
            yield return $"--health-interval={GoDuration.Format(interval)}";
        if (check.Timeout is { } timeout)
            yield return $"--health-timeout={GoDuration.Format(timeout)}";
        if (check.StartPeriod is { } start)
            yield return $"--health-start-period={GoDuration.Format(start)}";
        if (check.Retries is { } retries)
            yield return $"--health-retries={retries}";
    }
}
