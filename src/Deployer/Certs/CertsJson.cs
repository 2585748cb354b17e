using System.Text.Json.Serialization;

namespace Nap.Deployer.Certs;

/// <summary>`certs APP --json`: the certificate (null when there is none) and the domains it is served for.</summary>
public sealed record CertsReport(string App, CertInfo? Certificate, IReadOnlyList<string> Domains);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CertsReport))]
public sealed partial class CertsJson : JsonSerializerContext;
