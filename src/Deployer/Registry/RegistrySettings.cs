using System.Text.Json;
using Nap.Deployer.Docker;
using Nap.Protocol;

namespace Nap.Deployer.Registry;

/// <summary>
/// The registry as `nap registry init` recorded it (/etc/nap/registry.json, the login in napd's DOCKER_CONFIG), read
/// at each use: an init while napd runs takes effect at the next push, with no restart.
/// </summary>
public sealed class RegistrySettings(NapPaths paths)
{
    /// <summary>The registry, or null on a host without one; throws <see cref="RegistryException"/> when its files are broken.</summary>
    public RegistryTarget? Find()
    {
        RegistryRecord? record;
        DockerAuthFile? auth;
        try
        {
            record = RegistryRecord.Read(paths.RegistryFile);
            if (record is null)
                return null;
            auth = DockerAuthFile.Read(paths.RegistryAuthFile);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"the registry's files are unreadable ({e.Message.ReplaceLineEndings(" ")}): the host's admin runs nap registry init again");
        }
        if (auth?.For(record.Address) is not var (user, password))
            throw new RegistryException($"napd has no login for the registry at {record.Address}: the host's admin runs nap registry init again");
        return new RegistryTarget(new RegistryLogin(record.Address, user, password), Path.Combine(paths.RegistryCaDir, "ca.crt"));
    }
}
