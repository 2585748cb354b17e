namespace Nap.Deployer.State;

/// <summary>One release of an app, as recorded in app.json. <see cref="Port"/> is its ephemeral 127.0.0.1 port.</summary>
public sealed record Release(int Number, string Revision, string Key, DateTimeOffset Time, string? Image, int? Port, ReleaseResult Result)
{
    /// <summary>Why it failed, in one line (the last build or health lines are in the journal).</summary>
    public string? Detail { get; init; }

    public Release WithResult(ReleaseResult result, string? detail = null) => this with { Result = result, Detail = detail };
    public Release WithImage(string image) => this with { Image = image };
    public Release WithPort(int port) => this with { Port = port };
}

public enum ReleaseResult
{
    /// <summary>Being built or health-checked now (or napd died meanwhile).</summary>
    Pending,
    /// <summary>Passed its health gate and went live.</summary>
    Deployed,
    BuildFailed,
    Unhealthy,
    Cancelled,
}
