using System.Text.Json.Serialization;

namespace Nap.Protocol;

/// <summary>Source-generated JSON, so nap-receive stays Native AOT and reflection-free.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NapRequest))]
[JsonSerializable(typeof(NapReply))]
public sealed partial class ProtocolJson : JsonSerializerContext;
