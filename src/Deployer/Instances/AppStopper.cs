using Nap.Deployer.Apps;

namespace Nap.Deployer.Instances;

/// <summary>`stop` (and `ps:scale APP 0`): every instance of the current release stops, and the app stays stopped across reboots until `start`.</summary>
public sealed class AppStopper(AppStateStore store, InstanceRunner instances, Retirements retirements)
{
    /// <summary>Call with the app's lock held.</summary>
    public async Task StopAsync(AppState app)
    {
        await retirements.SettledAsync(app.Name);
        if (app.Current is { } current)
            foreach (var unit in InstanceRunner.UnitsOf(app.Name, current))
                await instances.StopQuietlyAsync(unit);
        await instances.ApplyEnablementAsync();
        await store.UpdateAsync(app.Name, a => a.WithStopped(true), CancellationToken.None);
    }
}
