using System.Text.Json.Serialization;

namespace Nap.Deployer.Registry;

/// <summary>What napd reads of the registry's HTTP API (distribution's /v2/). Source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(ImageManifest))]
public sealed partial class RegistryApiJson : JsonSerializerContext;

/// <summary>GET /v2/NAME/tags/list.</summary>
public sealed record TagList(string? Name, IReadOnlyList<string>? Tags);

/// <summary>A schema 2 or OCI image manifest: its config and layers, with their compressed sizes.</summary>
public sealed record ImageManifest(ManifestBlob? Config, IReadOnlyList<ManifestBlob>? Layers)
{
    public long Size => (Config?.Size ?? 0) + (Layers?.Sum(l => l.Size) ?? 0);
}

public sealed record ManifestBlob(string? Digest, long Size);
