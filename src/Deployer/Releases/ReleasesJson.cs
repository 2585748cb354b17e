using System.Text.Json.Serialization;

namespace Nap.Deployer.Releases;

/// <summary>`releases APP --json`. Source-generated, camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<ReleaseLine>))]
public sealed partial class ReleasesJson : JsonSerializerContext;

/// <param name="Tag">The image's dated tag (YYYYMMDD-HHMMSS-REV7); null for releases from before dated tags and for promotions.</param>
public sealed record ReleaseLine(int Number, string Revision, string Key, DateTimeOffset Time, string Result, bool Current, int? Port, string? Detail, string? Tag)
{
    /// <summary>The environment the release belongs to (production for the app itself).</summary>
    public string Environment { get; init; } = "production";

    /// <summary>"promoted from staging release 4", for a promoted image.</summary>
    public string? Note { get; init; }

    /// <summary>The image's name (nap/APP:N-HEX), which a promotion shares with its source by image id.</summary>
    public string? Image { get; init; }
}
