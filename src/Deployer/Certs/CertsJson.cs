using System.Text.Json.Serialization;
using Nap.Protocol;

namespace Nap.Deployer.Certs;

/// <summary>`certs APP --json`: the certificate (null when there is none), the domains it is served for, and the automatic certificates' settings and last failure (null when the certificate is the owner's).</summary>
/// <param name="App">The app's name (for an environment too, as in the other reports).</param>
public sealed record CertsReport(string App, CertInfo? Certificate, IReadOnlyList<string> Domains, Apps.AutoCerts? AutoCerts)
{
    /// <summary>The environment the certificate serves (production for the app itself).</summary>
    public string Environment { get; init; } = EnvName.Production;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CertsReport))]
public sealed partial class CertsJson : JsonSerializerContext;
