namespace Nap.Deployer.HostCheck;

/// <summary>What a check of the host found: <see cref="Problem"/> is one line for the admin and the pusher, null when builds can run.</summary>
public sealed record HostReadiness(string? Problem, string Summary)
{
    /// <summary>The buildx plugin's own binary when docker builds with BuildKit only through it (docker 23 on); null for 20.10's built-in BuildKit.</summary>
    public string? Buildx { get; init; }

    public const string CannotBuild = "this host cannot build apps: ";

    public bool Ready => Problem is null;

    public static HostReadiness Usable(string summary) => new(null, summary);

    public static HostReadiness Unusable(string problem) => new(CannotBuild + problem, CannotBuild + problem);
}
