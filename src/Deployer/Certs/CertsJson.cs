using System.Text.Json.Serialization;

namespace Nap.Deployer.Certs;

/// <summary>`certs APP --json`: the certificate (null when there is none), the domains it is served for, and the automatic certificates' settings and last failure (null when the certificate is the owner's).</summary>
public sealed record CertsReport(string App, CertInfo? Certificate, IReadOnlyList<string> Domains, Apps.AutoCerts? AutoCerts);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CertsReport))]
public sealed partial class CertsJson : JsonSerializerContext;
