using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Instances;
using Nap.Deployer.Nginx;
using Nap.Deployer.Repos;
using Nap.Deployer.Systemd;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>
/// Removes an app or one of its environments (a slot APP.ENV): stop, units, nginx entry, network, images, releases,
/// state, in that order. Each step is fine with what an earlier, interrupted run already removed, so a re-run
/// finishes the job. The repository goes only with the app itself: its environments share it. Callers hold the lock.
/// </summary>
public sealed class AppRemoval(
    NapPaths paths, AppStateStore store, Retirements retirements, InstanceRunner instances, UnitFiles units,
    NginxFrontDoor nginx, IDocker docker, ISwarm swarm, ServiceRunner services, RepoStore repos)
{
    public async Task RemoveAsync(AppState app)
    {
        await retirements.SettledAsync(app.Name);
        var none = CancellationToken.None;
        foreach (var unit in app.Releases.SelectMany(r => InstanceRunner.UnitsOf(app.Name, r)))
            await instances.StopQuietlyAsync(unit);
        if (app.Releases.Any(r => r.Service is not null))
            await RemoveServicesAsync(app);
        await units.RemoveAsync([ReleaseNames.BuildUnit(app.Name), ReleaseNames.Template(app.Name)], none);
        await nginx.RemoveAsync(app.Name, none);
        await docker.RemoveNetworkAsync(ReleaseNames.Network(app.Name), none);
        // nap-add/APP:N outlives its build only when napd died during it.
        foreach (var repository in new[] { ImageName.Repository(app.Name), ImageName.DownloadsRepository(app.Name) })
        foreach (var image in await docker.TagsAsync(repository, none))
            await docker.RemoveImageAsync(image, none);
        var releasesDir = paths.Releases(app.Name);
        if (Directory.Exists(releasesDir))
            Directory.Delete(releasesDir, recursive: true);
        if (!AppSlot.IsEnvironment(app.Name))
            repos.Delete(app.Name);
        if (Directory.Exists(paths.App(app.Name)))
            foreach (var entry in Directory.EnumerateFileSystemEntries(paths.App(app.Name)).Where(e => Path.GetFileName(e) != "app.json"))
            {
                if (Directory.Exists(entry))
                    Directory.Delete(entry, recursive: true);
                else
                    File.Delete(entry);
            }
        await store.DeleteAsync(app.Name, none);
    }

    /// <summary>The app's services (every release's, by their nap.app label) and its overlay network.</summary>
    async Task RemoveServicesAsync(AppState app)
    {
        IReadOnlyList<string> names;
        try
        {
            names = await swarm.ServicesOfAsync(app.Name, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No longer a manager: the engine has no services to remove; the recorded ones are tried anyway.
            names = [.. app.Releases.Select(r => r.Service).OfType<string>()];
        }
        foreach (var name in names)
            await services.RemoveQuietlyAsync(name);
        // The engine removes an overlay only once no task uses it; tasks take their grace period to stop.
        for (var i = 0; i < 60; i++)
        {
            try
            {
                if (await swarm.RemoveOverlayAsync(ServiceNames.Network(app.Name), CancellationToken.None))
                    return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The engine left the swarm meanwhile: nothing of the app runs on it.
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
