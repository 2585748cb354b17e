using System.Globalization;

namespace Nap.UnitGen.Rendering;

/// <summary>HEALTHCHECK as the service's health check: the model in the engine's form, the flags as docker/cli reads them.</summary>
static class SwarmHealthFlags
{
    public static SwarmHealth? For(UnitPlan plan) => plan.Image.HealthCheck switch
    {
        null => null,
        { IsDisabled: true } => SwarmHealth.Disabled,
        var check => new SwarmHealth(check.Test, check.Interval, check.Timeout, check.StartPeriod, check.Retries),
    };

    // --health-cmd takes a shell string (CMD-SHELL); an exec-form test stays the image's, as in the run unit, and
    // the engine's merge gives the same check the model carries for napd.
    public static IEnumerable<string> Flags(SwarmHealth? health)
    {
        if (health is null)
            yield break;
        if (health.IsDisabled)
        {
            yield return "--no-healthcheck";
            yield break;
        }
        if (health.Test is ["CMD-SHELL", var shell])
            yield return $"--health-cmd={shell}";
        if (health.Interval is { } interval)
            yield return $"--health-interval={GoDuration.Format(interval)}";
        if (health.Timeout is { } timeout)
            yield return $"--health-timeout={GoDuration.Format(timeout)}";
        if (health.StartPeriod is { } start)
            yield return $"--health-start-period={GoDuration.Format(start)}";
        if (health.Retries is { } retries)
            yield return $"--health-retries={retries.ToString(CultureInfo.InvariantCulture)}";
    }
}
