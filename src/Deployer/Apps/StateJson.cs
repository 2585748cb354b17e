using System.Text.Json.Serialization;

namespace Nap.Deployer.Apps;

/// <summary>app.json's format. Source-generated; camelCase; enums as names, so the file reads well by hand.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AppState))]
public sealed partial class StateJson : JsonSerializerContext;
