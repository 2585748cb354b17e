using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;

namespace Nap.Deployer.Instances;

/// <summary>`stop` (and `ps:scale APP 0`): every instance of the current release stops, and the app stays stopped across reboots until `start`.</summary>
public sealed class AppStopper(AppStateStore store, InstanceRunner instances, Retirements retirements, ServiceRunner services)
{
    /// <summary>A task's stop grace period (UnitOptions' stop timeout, which the service's --stop-grace-period is).</summary>
    const int StopGraceSeconds = 10;

    /// <summary>Call with the app's lock held.</summary>
    /// <param name="why">When napd stops the app itself: what `status` tells its owner.</param>
    public async Task StopAsync(AppState app, string? why = null)
    {
        await retirements.SettledAsync(app.Name);
        // On a cluster the service stays, with no task: `start` runs a new release's, and that one's retirement removes it.
        if (app.Current?.Service is { } service)
            await services.StopAsync(service, TimeSpan.FromSeconds(StopGraceSeconds));
        if (app.Current is { } current)
            foreach (var unit in InstanceRunner.UnitsOf(app.Name, current))
                await instances.StopQuietlyAsync(unit);
        await instances.ApplyEnablementAsync();
        await store.UpdateAsync(app.Name, a => a.WithStopped(true, why), CancellationToken.None);
    }
}
