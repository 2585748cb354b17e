namespace Nap.Deployer.Systemd;

/// <summary>
/// What napd asks of systemd's manager. <see cref="SystemdBus"/> asks over D-Bus, so no systemctl process runs
/// on a push's path; the specs count a decision's calls through a recording double.
/// </summary>
public interface ISystemd
{
    /// <summary>Starts the unit and returns once its job is over; a job that did not end "done" throws <see cref="SystemdException"/>.</summary>
    Task StartAsync(string unit, CancellationToken ct);

    /// <summary>Stops the unit and returns once its job is over; a unit systemd has not loaded throws <see cref="SystemdException"/>.</summary>
    Task StopAsync(string unit, CancellationToken ct);

    /// <summary>
    /// Adds the unit's [Install] symlinks, without the daemon reload systemctl enable does after it: that costs
    /// a deploy 0.1 to 1 s, and systemd reads a unit it loads from disk anyway (see <c>InstanceRunner.ApplyEnablementAsync</c>).
    /// </summary>
    Task EnableAsync(string unit, CancellationToken ct);

    /// <summary>Removes the unit's [Install] symlinks, likewise without a reload; a unit never enabled is fine.</summary>
    Task DisableAsync(string unit, CancellationToken ct);

    Task ResetFailedAsync(string unit, CancellationToken ct);

    /// <summary>systemd reads every unit file again (daemon-reload).</summary>
    Task ReloadAsync(CancellationToken ct);

    /// <summary>The unit as systemd has it now, in one call; a unit it has not loaded is <see cref="UnitState.NotLoaded"/>.</summary>
    Task<UnitState> StateAsync(string unit, CancellationToken ct);

    /// <summary>
    /// Which loaded units matching the names or patterns (nap-web@*.service) have files that changed on disk
    /// since systemd read them (NeedDaemonReload). A unit systemd has not loaded is read fresh when it starts.
    /// </summary>
    Task<IReadOnlyList<string>> ChangedOnDiskAsync(IReadOnlyList<string> patterns, CancellationToken ct);
}
