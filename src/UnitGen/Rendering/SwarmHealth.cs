namespace Nap.UnitGen.Rendering;

/// <summary>
/// A HEALTHCHECK for a service, in the engine's HealthConfig form. Null fields are left to the image, as docker run
/// leaves them. There is no start interval: docker 20.10 (API 1.41) has no --health-start-interval (API 1.44).
/// </summary>
/// <param name="Test">["CMD-SHELL", command], ["CMD", argv...], or ["NONE"] for HEALTHCHECK NONE.</param>
public sealed record SwarmHealth(IReadOnlyList<string> Test, TimeSpan? Interval = null, TimeSpan? Timeout = null, TimeSpan? StartPeriod = null, int? Retries = null)
{
    public static SwarmHealth Disabled { get; } = new(["NONE"]);

    public bool IsDisabled => Test is ["NONE"];
}
