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
}
