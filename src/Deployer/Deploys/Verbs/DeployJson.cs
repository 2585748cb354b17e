using System.Text.Json.Serialization;

namespace Nap.Deployer.Deploys.Verbs;

/// <summary>The `--json` answers of the deploy verbs. Source-generated, camelCase, enums by name.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(PsReport))]
[JsonSerializable(typeof(IReadOnlyList<ReleaseLine>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class DeployJson : JsonSerializerContext;

public sealed record ReleaseLine(int Number, string Revision, string Key, DateTimeOffset Time, string Result, bool Current, int? Port, string? Detail);

public sealed record StatusReport(
    string App, string State, int? Release, string? Revision, string? Url, IReadOnlyList<string> Domains,
    IReadOnlyList<string> Units, string? Health, string? LastFailure);

public sealed record PsReport(string App, int Scale, int? Release, bool Stopped, IReadOnlyList<InstanceLine> Instances);

public sealed record InstanceLine(int Index, string Unit, int Port, string State);
