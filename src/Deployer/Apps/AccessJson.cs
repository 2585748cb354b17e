using System.Text.Json.Serialization;

namespace Nap.Deployer.Apps;

/// <summary>`access APP --json`.</summary>
public sealed record AccessList(string App, string Owner, IReadOnlyList<string> Keys);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccessList))]
public sealed partial class AccessJson : JsonSerializerContext;
