using System.Text.Json.Serialization;

namespace Nap.Deployer.Cluster;

/// <summary>`nodes --json`. Source-generated, camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<NodeLine>))]
public sealed partial class ClusterJson : JsonSerializerContext;
