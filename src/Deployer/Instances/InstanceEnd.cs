using Nap.Deployer.Systemd;

namespace Nap.Deployer.Instances;

/// <summary>
/// Why a started instance is no longer on its way up, as systemd sees its run unit; null while it is.
/// Restart= would start an app whose process ended again and again until the start limit (about a minute of the
/// pusher's time): a release that exits before it is healthy has failed, whatever the next start would do.
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
        { IsRunning: false } => "the release stopped running",
        { ExecMainStatus: not DockerRunFailed } when state.SubState.StartsWith("auto-restart", StringComparison.Ordinal) =>
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
