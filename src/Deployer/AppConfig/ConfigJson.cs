using System.Text.Json.Serialization;

namespace Nap.Deployer.AppConfig;

/// <summary>`config APP --json`: NAME → value.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class ConfigJson : JsonSerializerContext;
