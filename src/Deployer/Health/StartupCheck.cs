namespace Nap.Deployer.Health;

/// <summary>
/// One of app.json's startup checks (`healthchecks.web[]`, the format Dokku reads with docker-container-healthchecker):
/// GET <see cref="Path"/> on the instance until it answers 2xx (and holds <see cref="Content"/>, when given),
/// <see cref="Attempts"/> times at most, <see cref="WaitSeconds"/> apart, each given <see cref="TimeoutSeconds"/>,
/// the first <see cref="InitialDelaySeconds"/> after the instance starts.
/// </summary>
public sealed record StartupCheck(string Name, string Path, string? Content, int Attempts, int TimeoutSeconds, int WaitSeconds, int InitialDelaySeconds)
{
    // Dokku's defaults (docker-container-healthchecker's file format).
    public const int DefaultAttempts = 3;
    public const int DefaultTimeoutSeconds = 5;
    public const int DefaultWaitSeconds = 5;

    /// <summary>The longest the check can take before it fails: what napd.json's limits.healthCheckSeconds bounds.</summary>
    public int WorstCaseSeconds => InitialDelaySeconds + Attempts * TimeoutSeconds + (Attempts - 1) * WaitSeconds;
}
