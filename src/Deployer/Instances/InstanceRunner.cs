using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Health;
using Nap.Deployer.Nginx;
using Nap.Deployer.Settings;
using Nap.Deployer.Systemd;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Instances;

/// <summary>What a release switch and ps:scale do to one instance: its unit.env, start behind the health gate, drain and stop.</summary>
public sealed class InstanceRunner(NapdConfig config, NapPaths paths, ISystemd systemd, HealthChecker health, NginxFrontDoor nginx)
{
    /// <summary>
    /// releases/N/unit.env for instance 1, releases/N.K/unit.env for the others: the template reads releases/%i/unit.env.
    /// The app's env file must exist too: the run unit's --env-file has no optional form.
    /// </summary>
    public async Task WriteEnvAsync(AppInstance instance, string image)
    {
        PrivateFile.EnsureExists(paths.AppEnv(instance.App));
        var dir = DirOf(instance);
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "unit.env"),
            $"NAP_IMAGE={image}\nNAP_PORT={instance.Port.ToString(CultureInfo.InvariantCulture)}\n", CancellationToken.None);
    }

    /// <summary>Starts the instance and waits for its health verdict; an unhealthy one is left for the caller to stop.</summary>
    /// <param name="gate">The release's (<see cref="Release.Gate"/>): docker's verdict, app.json's checks, or nap's probe.</param>
    /// <param name="progress">Told of app.json's checks' failed attempts that another follows, for the pusher.</param>
    public async Task<HealthResult> StartAsync(AppInstance instance, HealthGate gate, CancellationToken ct, Func<string, Task>? progress = null)
    {
        await systemd.StartAsync(instance.Unit, ct);
        return await health.WaitAsync(new HealthTarget(instance.Container, instance.Port, gate), config.HealthTimeout, Stopped(instance.Unit), ct, progress);
    }

    /// <summary>For instances nginx no longer sends new requests to: let the running ones finish, then stop them.</summary>
    public async Task DrainAndStopAsync(IReadOnlyList<AppInstance> instances)
    {
        if (instances.Count == 0)
            return;
        await DrainAsync();
        foreach (var instance in instances)
            await StopQuietlyAsync(instance.Unit);
    }

    /// <summary>
    /// What a release nginx no longer sends new requests to is given before it stops: napd.json's drain, and at least
    /// until the nginx workers of the last reload have finished the requests they took before it (bounded by nginx's
    /// drain limit), as the switch no longer waits for those.
    /// </summary>
    public Task DrainAsync() => Task.WhenAll(Task.Delay(config.Drain), nginx.OldWorkersGone);

    /// <summary>
    /// Enable and disable add and remove [Install] symlinks without a reload (a reload costs 0.1 to 1 s on the
    /// push's path), which leaves systemd's loaded dependencies behind the symlinks: until a reload, a restart of
    /// docker (WantedBy=docker.service) brings back the releases enabled before, not the ones enabled since.
    /// Call after the pusher has their answer; a failed reload is caught up by the next one.
    /// </summary>
    public async Task ApplyEnablementAsync()
    {
        try
        {
            await systemd.ReloadAsync(CancellationToken.None);
        }
        catch (SystemdException)
        {
            // systemd refused a reload now: the next change reloads again.
        }
    }

    /// <summary>Enables the unit, so it comes back after a reboot; one systemd refuses is left to napd's next start.</summary>
    public Task EnableQuietlyAsync(string unit) => QuietlyAsync(systemd.EnableAsync, unit);

    public Task DisableQuietlyAsync(string unit) => QuietlyAsync(systemd.DisableAsync, unit);

    /// <summary>Stops and disables an instance; a unit that is gone or already stopped is fine.</summary>
    public async Task StopQuietlyAsync(string unit)
    {
        await QuietlyAsync(systemd.StopAsync, unit);
        await QuietlyAsync(systemd.DisableAsync, unit);
        // Clears a failed state (and its restart count), so status does not report an old crash of a unit that is gone.
        await QuietlyAsync(systemd.ResetFailedAsync, unit);
    }

    /// <summary>An extra instance's directory (releases/N.K) once it is stopped for good; instance 1's is the release's own.</summary>
    public void Forget(AppInstance instance)
    {
        var dir = DirOf(instance);
        if (instance.Index > 1 && Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    /// <summary>The instances of the current release that serve now: none while stopped or before the first release.</summary>
    public static IReadOnlyList<AppInstance> Running(AppState app) =>
        app.Current is { } current && !app.Stopped ? AppInstance.Of(app.Name, current.Number, current.Ports) : [];

    /// <summary>Every instance name a release may have left: one per recorded port, and at least the first.</summary>
    public static IEnumerable<string> UnitsOf(string app, Release release) =>
        Enumerable.Range(1, Math.Max(1, release.Ports.Count)).Select(i => ReleaseNames.Instance(app, release.Number, i));

    static async Task QuietlyAsync(Func<string, CancellationToken, Task> action, string unit)
    {
        try
        {
            await action(unit, CancellationToken.None);
        }
        catch (SystemdException)
        {
            // Stop of a unit not loaded, reset-failed of one that did not fail, disable of one never enabled: nothing to undo.
        }
    }

    Func<CancellationToken, Task<string?>> Stopped(string unit) =>
        async ct => InstanceEnd.Of(await systemd.StateAsync(unit, ct));

    /// <summary>releases/N for instance 1, releases/N.K for instance K: the template reads releases/%i/unit.env.</summary>
    string DirOf(AppInstance instance) => Path.Combine(paths.Releases(instance.App), instance.Id);
}
