using Nap.Deployer.Docker;

namespace Nap.Deployer.Registry;

/// <summary>The registry `nap registry init` set up: where it is, napd's login, and the CA its certificate chains to.</summary>
public sealed record RegistryTarget(RegistryLogin Login, string CaFile)
{
    public string Address => Login.Address;

    /// <summary>REGISTRY/APP:TAG: one repository per app, named as the app is.</summary>
    public string Image(string app, string tag) => $"{Address}/{app}:{tag}";
}
