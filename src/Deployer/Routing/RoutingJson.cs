using System.Text.Json.Serialization;

namespace Nap.Deployer.Routing;

/// <summary>`domains APP --json`: the names, APP.BASE_DOMAIN first.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class RoutingJson : JsonSerializerContext;
