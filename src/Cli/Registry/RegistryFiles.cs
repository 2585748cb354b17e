using Nap.Protocol;

namespace Nap.Cli.Registry;

/// <summary>
/// Every file `nap registry init` writes, under <paramref name="Root"/> ("/" on a host, a temporary directory in specs).
/// The package's paths are Debian's docker-registry's: /etc/docker/registry/config.yml, run as user docker-registry.
/// </summary>
public sealed record RegistryFiles(string Root, NapPaths Nap)
{
    public static RegistryFiles Host(NapPaths nap) => new("/", nap);

    string Under(string path) => Path.Combine(Root, path.TrimStart('/'));

    public string Binary => Under("/usr/bin/docker-registry");
    public string ConfigDir => Under("/etc/docker/registry");
    public string Config => Path.Combine(ConfigDir, "config.yml");
    /// <summary>The package's own config.yml, kept once before nap first rewrites it.</summary>
    public string PackageConfig => Config + ".nap-orig";
    public string Htpasswd => Path.Combine(ConfigDir, "htpasswd");
    public string TlsDir => Path.Combine(ConfigDir, "tls");
    public string ServerCertificate => Path.Combine(TlsDir, "server.crt");
    public string ServerKey => Path.Combine(TlsDir, "server.key");

    public string CaCertificate => Path.Combine(Under(Nap.RegistryCaDir), "ca.crt");
    public string CaKey => Path.Combine(Under(Nap.RegistryCaDir), "ca.key");
    public string CaDir => Under(Nap.RegistryCaDir);
    public string AuthDir => Under(Nap.RegistryAuthDir);
    public string AuthFile => Under(Nap.RegistryAuthFile);
    public string Record => Under(Nap.RegistryFile);

    /// <summary>Where the engine looks for a registry's CA: /etc/docker/certs.d/HOST:PORT/ca.crt.</summary>
    public string EngineTrust(string address) => Under($"/etc/docker/certs.d/{address}/ca.crt");

    public string GcUnit => Under("/etc/systemd/system/" + GcUnitName);

    public const string GcUnitName = "nap-registry-gc.service";
    public const string Service = "docker-registry";
    public const string Group = "docker-registry";
}
