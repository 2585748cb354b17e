namespace Nap.Deployer.Health;

/// <param name="Detail">One line for the pusher: how it was judged, or what was last seen.</param>
public sealed record HealthResult(bool Healthy, string Detail)
{
    public static HealthResult Pass(string detail) => new(true, detail);

    public static HealthResult Fail(string detail) => new(false, detail);
}
