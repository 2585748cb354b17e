namespace Nap.Deployer.Docker;

/// <summary>How the engine logs in to a registry for one push or pull (X-Registry-Auth); never written to the engine's own config.</summary>
public sealed record RegistryLogin(string Address, string User, string Password)
{
    public override string ToString() => $"{User}@{Address}";
}
