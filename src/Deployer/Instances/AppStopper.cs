using Nap.Deployer.Apps;
using Nap.Deployer.Docker;

namespace Nap.Deployer.Instances;

/// <summary>`stop` (and `ps:scale APP 0`): every instance of the current release stops, and the app stays stopped across reboots until `start`.</summary>
public sealed class AppStopper(AppStateStore store, InstanceRunner instances, Retirements retirements, ISwarm swarm)
{
    /// <summary>Call with the app's lock held.</summary>
    public async Task StopAsync(AppState app)
    {
        await retirements.SettledAsync(app.Name);
        // On a cluster the service stays, with no task: `start` runs a new release's, and that one's retirement removes it.
        if (app.Current?.Service is { } service)
        {
            try
            {
                await swarm.ScaleServiceAsync(service, 0, null, CancellationToken.None);
            }
            catch (DockerSwarmException)
            {
                // Gone already, or the engine left the swarm: nothing of it runs either way.
            }
        }
        if (app.Current is { } current)
            foreach (var unit in InstanceRunner.UnitsOf(app.Name, current))
                await instances.StopQuietlyAsync(unit);
        await instances.ApplyEnablementAsync();
        await store.UpdateAsync(app.Name, a => a.WithStopped(true), CancellationToken.None);
    }
}
