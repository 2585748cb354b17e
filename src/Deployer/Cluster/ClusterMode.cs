using Nap.Deployer.Docker;
using Nap.Deployer.Registry;

namespace Nap.Deployer.Cluster;

/// <summary>
/// Whether napd runs releases as Swarm services: its engine is an active Swarm manager and a registry is recorded (the
/// nodes pull from it). Otherwise everything is as on a single host. Asked per release, so `nap cluster init` needs no restart.
/// </summary>
public sealed class ClusterMode(RegistrySettings registry, ISwarm swarm)
{
    /// <summary>The registry the nodes pull from when in cluster mode; null on a single host.</summary>
    public async Task<RegistryTarget?> RegistryAsync(CancellationToken ct)
    {
        RegistryTarget? target;
        try
        {
            target = registry.Find();
        }
        catch (RegistryException)
        {
            // Broken registry files fail the push's own registry step, in its words.
            return null;
        }
        return target is not null && await IsManagerAsync(ct) ? target : null;
    }

    async Task<bool> IsManagerAsync(CancellationToken ct)
    {
        try
        {
            return (await swarm.StateAsync(ct)).IsManager;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine that does not answer runs nothing either way; the single host's path says so in its words.
            return false;
        }
    }
}
