using System.Text.Json.Serialization;

namespace Nap.Deployer.Steps;

/// <summary>One stored pipeline in `steps --json`: its name and its steps' names (null when it no longer passes the checks).</summary>
public sealed record StoredPipeline(string Name, IReadOnlyList<string>? Steps);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<StoredPipeline>))]
public sealed partial class StepsJson : JsonSerializerContext;
