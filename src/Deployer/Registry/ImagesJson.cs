using System.Text.Json.Serialization;

namespace Nap.Deployer.Registry;

/// <summary>`images APP --json`. Source-generated, camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<ImageLine>))]
public sealed partial class ImagesJson : JsonSerializerContext;

/// <param name="Tag">The dated tag, YYYYMMDD-HHMMSS-REV7.</param>
/// <param name="Image">Its full name: REGISTRY/APP:TAG, or nap/APP:TAG on a host without a registry.</param>
/// <param name="Size">Bytes: compressed in the registry (its manifest's layers), unpacked on a host.</param>
/// <param name="Releases">The releases that ran or run it (a rollback reuses its source's image).</param>
/// <param name="Current">The current release runs it.</param>
public sealed record ImageLine(string Tag, string Image, long Size, IReadOnlyList<int> Releases, bool Current);
