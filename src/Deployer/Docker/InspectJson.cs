using System.Text.Json.Serialization;
using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

/// <summary>`units APP` on a cluster shows the service as the engine has it, indented. Source-generated (Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SwarmService))]
public sealed partial class InspectJson : JsonSerializerContext;
