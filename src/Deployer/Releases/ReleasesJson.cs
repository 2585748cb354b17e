using System.Text.Json.Serialization;

namespace Nap.Deployer.Releases;

/// <summary>`releases APP --json`. Source-generated, camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<ReleaseLine>))]
public sealed partial class ReleasesJson : JsonSerializerContext;

/// <param name="Tag">The image's dated tag (YYYYMMDD-HHMMSS-REV7); null for releases from before dated tags.</param>
public sealed record ReleaseLine(int Number, string Revision, string Key, DateTimeOffset Time, string Result, bool Current, int? Port, string? Detail, string? Tag);
