using Nap.Deployer.Systemd;

namespace Nap.Deployer.Instances;

/// <summary>
/// Why a started instance is no longer on its way up, as systemd sees its run unit; null while it is.
/// Restart= would start an app whose process ended again and again until the start limit (about a minute of the
/// pusher's time): a release that exits before it is healthy has failed, whatever the next start would do.
/// Asked after the start job is done, so a unit without a main process is one whose docker run has ended: it is
/// then in its ExecStopPost cleanup (deactivating, stop-post) or waiting to start again (activating, auto-restart).
/// </summary>
public static class InstanceEnd
{
    /// <summary>
    /// docker run's own failure, not the app's: a left-behind container still holding the name, which the unit's
    /// ExecStopPost removes before Restart= starts it again; or the engine refusing, which the health timeout reports.
    /// </summary>
    const int DockerRunFailed = 125;

    public static string? Of(UnitState state) => state switch
    {
        { ActiveState: "inactive" or "failed" } => "the release stopped running",
        { ActiveState: "activating" or "deactivating", MainPid: 0, ExecMainStatus: not DockerRunFailed } =>
            $"its container exited with status {state.ExecMainStatus}{Hint(state.ExecMainStatus)}",
        _ => null,
    };

    // docker run's exit statuses for a command the runtime could not start (docker-run(1), "Exit Status").
    static string Hint(int status) => status switch
    {
        126 => " (its command cannot be run: not executable?)",
        127 => " (its command was not found in the image)",
        _ => "",
    };
}
