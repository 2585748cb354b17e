using System.Text.Json.Serialization;

namespace Nap.Deployer.Apps;

/// <summary>`access APP [--env ENV] --json`.</summary>
/// <param name="Keys">The granted keys listed (every environment's, or those that may use --env ENV).</param>
public sealed record AccessList(string App, string Owner, IReadOnlyList<string> Keys)
{
    /// <summary>The environment asked for with --env; null for the whole app (every environment's grants).</summary>
    public string? Environment { get; init; }

    /// <summary>Each listed key with the environments it may use (all: granted without --env).</summary>
    public IReadOnlyList<KeyGrant> Grants { get; init; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccessList))]
public sealed partial class AccessJson : JsonSerializerContext;
