namespace Nap.Deployer.Systemd;

/// <summary>A unit's properties as systemd reports them (org.freedesktop.systemd1.Unit and .Service).</summary>
/// <param name="Restarts">NRestarts: how often Restart= has restarted it since it was last started by hand.</param>
/// <param name="Result">"success", or why the unit last failed: "exit-code", "signal", "start-limit-hit", ...</param>
public sealed record UnitState(
    string ActiveState, string SubState = "dead", int MainPid = 0, bool NeedDaemonReload = false,
    int ExecMainStatus = 0, uint Restarts = 0, string Result = "success")
{
    /// <summary>What systemctl reports for a unit systemd has not loaded: inactive, never ran.</summary>
    public static UnitState NotLoaded { get; } = new("inactive");

    /// <summary>Running or on its way (activating, reloading): not yet ended.</summary>
    public bool IsRunning => ActiveState is "active" or "activating" or "reloading";
}
