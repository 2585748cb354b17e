namespace Nap.Deployer.Health;

/// <summary>
/// What a release's instances must pass before they take traffic: docker's HEALTHCHECK verdict when the image has one,
/// then app.json's startup checks; with neither, nap's own probe (a connect and a GET / below 500).
/// </summary>
public sealed record HealthGate(bool HasHealthCheck, IReadOnlyList<StartupCheck> Checks)
{
    public static readonly HealthGate Probe = new(false, []);

    public bool Equals(HealthGate? other) => other is not null && HasHealthCheck == other.HasHealthCheck && Checks.SequenceEqual(other.Checks);

    public override int GetHashCode() => HashCode.Combine(HasHealthCheck, Checks.Count);
}
