namespace Nap.Deployer.Systemd;

public enum UnitAction { Start, Stop, Restart, Enable, Disable, ResetFailed }

public static class UnitActionVerbs
{
    public static string Verb(this UnitAction action) => action switch
    {
        UnitAction.Start => "start",
        UnitAction.Stop => "stop",
        UnitAction.Restart => "restart",
        UnitAction.Enable => "enable",
        UnitAction.Disable => "disable",
        UnitAction.ResetFailed => "reset-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>
    /// systemctl's arguments for the action. enable/disable only add or remove [Install] symlinks of a
    /// unit systemd has loaded already; their default daemon-reload would cost a deploy ~0.5 s for nothing.
    /// </summary>
    public static IReadOnlyList<string> Arguments(this UnitAction action, string unit) =>
        action is UnitAction.Enable or UnitAction.Disable
            ? [action.Verb(), "--no-reload", "--", unit]
            : [action.Verb(), "--", unit];
}
