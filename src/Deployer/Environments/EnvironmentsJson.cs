using System.Text.Json.Serialization;

namespace Nap.Deployer.Environments;

/// <summary>`envs APP --json`. Source-generated, camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<EnvironmentLine>))]
public sealed partial class EnvironmentsJson : JsonSerializerContext;

/// <param name="Address">http://ENV.APP.BASE/ with a base domain, else http://IP:PORT; null before its first deploy.</param>
/// <param name="ExpiresAt">A review app's end, its ttl after the last push.</param>
public sealed record EnvironmentLine(string App, string Environment, string Branch, string State, int? Release, string? Revision, string? Address, bool Review, DateTimeOffset? ExpiresAt);
