using System.Text.Json.Serialization;

namespace Nap.Deployer.Hooks;

/// <summary>hook.json, the delivery log and the verbs' --json, generated at compile time (napd is Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HookConfig))]
[JsonSerializable(typeof(List<Delivery>))]
[JsonSerializable(typeof(IReadOnlyList<Delivery>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(HookReport))]
public sealed partial class HooksJson : JsonSerializerContext;

/// <summary>`hooks APP --json`: everything but the secret and the status token.</summary>
public sealed record HookReport(string App, string Forge, string Repo, string Branch, string Url, string ContentType, string DeployKey, bool StatusToken, DateTimeOffset Created);
