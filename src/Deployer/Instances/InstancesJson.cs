using System.Text.Json.Serialization;

namespace Nap.Deployer.Instances;

/// <summary>The `--json` answers of status and ps. Source-generated, camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(PsReport))]
public sealed partial class InstancesJson : JsonSerializerContext;

public sealed record StatusReport(
    string App, string State, int? Release, string? Revision, string? Url, IReadOnlyList<string> Domains,
    IReadOnlyList<string> Units, string? Health, string? LastFailure)
{
    /// <summary>production, or the environment's name (App is then the app's, not the slot's APP.ENV).</summary>
    public string Environment { get; init; } = "production";

    /// <summary>Why napd stopped the app itself; absent when its owner did, or it runs.</summary>
    public string? StoppedWhy { get; init; }
}

public sealed record PsReport(string App, int Scale, int? Release, bool Stopped, IReadOnlyList<InstanceLine> Instances)
{
    public string Environment { get; init; } = "production";

    /// <summary>Why napd stopped the app itself; absent when its owner did, or it runs.</summary>
    public string? StoppedWhy { get; init; }

    /// <summary>On a cluster: the release's service and its tasks (Instances is then empty); absent on a single host.</summary>
    public string? Service { get; init; }

    public IReadOnlyList<TaskLine>? Tasks { get; init; }
}

/// <summary>One task of a release's service: where it runs and what the engine says of it.</summary>
/// <param name="Port">The port the engine published for it on its node; 0 before it has one.</param>
public sealed record TaskLine(long Slot, string Node, string Address, int Port, string State, string? Error);

public sealed record InstanceLine(int Index, string Unit, int Port, string State);
