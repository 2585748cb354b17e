using System.Text.Json.Serialization;
using Nap.Deployer.Health;

namespace Nap.Deployer.Apps;

/// <summary>One release of an app, as recorded in app.json. <see cref="Port"/> is its ephemeral 127.0.0.1 port.</summary>
public sealed record Release(int Number, string Revision, string Key, DateTimeOffset Time, string? Image, int? Port, ReleaseResult Result)
{
    /// <summary>Why it failed, in one line (the last build or health lines are in the journal).</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// Whether its image has a HEALTHCHECK (not NONE), as its Dockerfile said at its build: then docker's verdict
    /// is the health gate of each of its instances. Null in records older than this field: the HTTP probe decides.
    /// </summary>
    public bool? HasHealthCheck { get; init; }

    /// <summary>app.json's startup checks at its build, kept by every release that reuses its image (rollback, config).</summary>
    public IReadOnlyList<StartupCheck> Checks { get; init; } = [];

    /// <summary>What each of its instances must pass before it takes traffic.</summary>
    [JsonIgnore]
    public HealthGate Gate => new(HasHealthCheck ?? false, Checks);

    /// <summary>
    /// The image's dated tag (<c>YYYYMMDD-HHMMSS-REV7</c>, see Docker/ImageName.DatedTag): its build's, kept by every
    /// release that reuses the image (rollback, config). Null in records older than dated tags.
    /// </summary>
    public string? Tag { get; init; }

    /// <summary>Where its image came from when it was not built for it: "promoted from staging release 4".</summary>
    public string? Note { get; init; }

    /// <summary>The ports of instances 2..N when the app runs more than one (ps:scale); instance 1 is <see cref="Port"/>.</summary>
    public IReadOnlyList<int> ExtraPorts { get; init; } = [];

    /// <summary>On a cluster: the Swarm service that runs it (nap-APP-N), in place of systemd instances; null on a single host.</summary>
    public string? Service { get; init; }

    /// <summary>
    /// On a cluster: its running tasks as nginx's upstream has them (NODE_ADDR:PUBLISHED_PORT), rewritten when they move.
    /// </summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    public Release WithService(string service, IReadOnlyList<string> tasks) => this with { Service = service, Tasks = tasks };

    public Release WithTasks(IReadOnlyList<string> tasks) => this with { Tasks = tasks };

    /// <summary>Every instance's port, instance 1 first; empty before a port was picked.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> Ports => Port is { } first ? [first, .. ExtraPorts] : [];

    // By value, ports included: a list read back from app.json is another instance of the same list.
    public bool Equals(Release? other) =>
        other is not null && (Number, Revision, Key, Time, Image, Port, Result, Detail, HasHealthCheck, Tag, Note, Service) == (other.Number, other.Revision, other.Key, other.Time, other.Image, other.Port, other.Result, other.Detail, other.HasHealthCheck, other.Tag, other.Note, other.Service)
        && ExtraPorts.SequenceEqual(other.ExtraPorts) && Tasks.SequenceEqual(other.Tasks) && Checks.SequenceEqual(other.Checks);

    public override int GetHashCode() => HashCode.Combine(Number, Revision, Port, Result);

    public Release WithResult(ReleaseResult result, string? detail = null) => this with { Result = result, Detail = detail };
    public Release WithImage(string image) => this with { Image = image };
    public Release WithGate(HealthGate gate) => this with { HasHealthCheck = gate.HasHealthCheck, Checks = gate.Checks };
    public Release WithTag(string? tag) => this with { Tag = tag };
    public Release WithPort(int port) => this with { Port = port };

    /// <summary>Instance 1's port and the others', in index order.</summary>
    public Release WithPorts(IReadOnlyList<int> ports) => this with { Port = ports.Count > 0 ? ports[0] : null, ExtraPorts = [.. ports.Skip(1)] };
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
    /// <summary>A pipeline step of its app.json failed before the switch (app.json's steps, scripts.predeploy).</summary>
    StepFailed,
    /// <summary>The host's registry did not take its image (down, full, refused): nothing of it ran.</summary>
    PushFailed,
}
