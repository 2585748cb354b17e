using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nap.Protocol;

/// <summary>
/// /etc/nap/registry.json: the registry `nap registry init` set up, which napd pushes each release to. No secret in it:
/// the credentials are in <see cref="NapPaths.RegistryAuthDir"/> (a DOCKER_CONFIG directory, root 0700).
/// </summary>
/// <param name="Address">HOST:PORT, as images name it (HOST:PORT/APP:TAG) and /etc/docker/certs.d/HOST:PORT holds its CA.</param>
/// <param name="User">The htpasswd user napd and the nodes' engines log in as.</param>
public sealed record RegistryRecord(string Address, string User)
{
    public string Image(string app, string tag) => $"{Address}/{app}:{tag}";

    public string Repository(string app) => $"{Address}/{app}";

    /// <summary>The record, or null when there is none (a single host without a registry); throws <see cref="JsonException"/> on a broken one.</summary>
    public static RegistryRecord? Read(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), RegistryJson.Default.RegistryRecord) : null;
}

/// <summary>DOCKER_CONFIG/config.json's part nap writes and reads: {"auths": {"HOST:PORT": {"auth": base64(user:password)}}}.</summary>
public sealed record DockerAuthFile(IReadOnlyDictionary<string, DockerAuth> Auths)
{
    public static DockerAuthFile? Read(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), RegistryJson.Default.DockerAuthFile) : null;

    /// <summary>The user and password for <paramref name="address"/>, or null.</summary>
    public (string User, string Password)? For(string address)
    {
        if (!Auths.TryGetValue(address, out var entry))
            return null;
        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(entry.Auth));
        }
        catch (FormatException)
        {
            return null;
        }
        return text.IndexOf(':') is var colon and > 0 ? (text[..colon], text[(colon + 1)..]) : null;
    }

    public static DockerAuthFile Of(string address, string user, string password) =>
        new(new Dictionary<string, DockerAuth> { [address] = new(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"))) });
}

public sealed record DockerAuth(string Auth);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistryRecord))]
[JsonSerializable(typeof(DockerAuthFile))]
public sealed partial class RegistryJson : JsonSerializerContext;
