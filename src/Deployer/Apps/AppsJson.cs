using System.Text.Json.Serialization;

namespace Nap.Deployer.Apps;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<AppSummary>))]
public sealed partial class AppsJson : JsonSerializerContext;
