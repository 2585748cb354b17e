namespace Nap.Deployer.Systemd;

/// <summary>systemctl or journalctl said no; the message is theirs.</summary>
public sealed class SystemdException(string message) : Exception(message);
