using Nap.Deployer.Docker;
using Nap.Deployer.Registry;

namespace Nap.Deployer.Cluster;

/// <summary>
/// The one line a new machine runs to become a worker: nap's install.sh in node mode, with the swarm's worker token
/// at this manager's address and the registry it pulls from, whose CA it is to trust (base64 of the PEM, so the line
/// stays one word per value for any shell).
/// </summary>
public sealed class ClusterJoin(ISwarm swarm, RegistrySettings registry)
{
    public const string Script = "scripts/install.sh";

    public const string NoRegistry = "this host has no registry yet: run nap registry init first (every node pulls the apps' images from it)";

    /// <summary>The registry the cluster's nodes pull from; throws <see cref="ClusterException"/> when there is none.</summary>
    public RegistryTarget Registry() => registry.Find() ?? throw new ClusterException(NoRegistry);

    public async Task<string> CommandAsync(SwarmState manager, CancellationToken ct)
    {
        var target = Registry();
        string ca;
        try
        {
            ca = Convert.ToBase64String(await File.ReadAllBytesAsync(target.CaFile, ct));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterException($"the registry's CA {target.CaFile} is unreadable ({e.Message.ReplaceLineEndings(" ")}): run nap registry init again");
        }
        var at = manager.ManagerAddress ?? throw new ClusterException("the engine names no manager address to join at: see docker info");
        var token = await swarm.WorkerJoinTokenAsync(ct);
        return $"{Script} --node --join {token}@{at} --registry {target.Address} --registry-ca {ca}";
    }
}
