namespace Nap.Deployer.Health;

/// <param name="Detail">One line for the pusher: how it was judged, or what was last seen.</param>
public sealed record HealthResult(bool Healthy, string Detail)
{
    /// <summary>Waiting longer cannot change the verdict (docker says unhealthy, the app's process ended).</summary>
    public bool Final { get; init; }

    /// <summary>No HTTP answer came back at all (refused, or reset by docker's proxy): the app does not listen where nap asks.</summary>
    public bool NoAnswer { get; init; }

    public static HealthResult Pass(string detail) => new(true, detail);

    public static HealthResult Fail(string detail) => new(false, detail);

    public static HealthResult FailNow(string detail) => new(false, detail) { Final = true };
}
